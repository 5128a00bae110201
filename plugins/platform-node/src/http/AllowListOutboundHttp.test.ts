import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AllowListOutboundHttp } from './AllowListOutboundHttp';
import { HostResolver } from './createGuardedLookup';

interface Seen {
  url: string;
  method: string;
  authorization?: string;
  body: string;
}

/** A local server that records what reaches it. */
async function startServer(
  routes: Record<string, (port: number) => [number, Record<string, string>?]>,
) {
  const seen: Seen[] = [];
  let port = 0;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({
      url: req.url!,
      method: req.method!,
      authorization: req.headers.authorization,
      body,
    });
    const route = routes[req.url!];
    if (!route) {
      return; // never answers: for timeouts
    }
    const [status, headers] = route(port);
    res.writeHead(status, headers).end(`reached ${req.url}`);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const stop = () => {
    server.closeAllConnections();
    return new Promise(resolve => server.close(resolve));
  };
  return { port, seen, stop };
}

describe('AllowListOutboundHttp', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  const clients: AllowListOutboundHttp[] = [];

  function client(
    allowedHosts: string[],
    options: { timeoutMs?: number; resolveHost?: HostResolver } = {},
  ) {
    const created = AllowListOutboundHttp.create({ allowedHosts, ...options });
    clients.push(created);
    return created;
  }

  beforeAll(async () => {
    other = await startServer({ '/': () => [200] });
    server = await startServer({
      '/': () => [200],
      '/to-other': () => [302, { location: `http://127.0.0.1:${other.port}/` }],
      '/to-localhost': port => [302, { location: `http://localhost:${port}/` }],
      '/to-self': port => [307, { location: `http://127.0.0.1:${port}/` }],
      '/see-other': () => [303, { location: '/' }],
      '/loop': () => [302, { location: '/loop' }],
      '/to-file': () => [302, { location: 'file:///etc/passwd' }],
    });
  });

  afterEach(async () => {
    server.seen.length = 0;
    other.seen.length = 0;
    await Promise.all(clients.splice(0).map(c => c.close()));
  });

  afterAll(async () => {
    await server.stop();
    await other.stop();
  });

  it('reaches a listed host:port', async () => {
    const response = await client([`127.0.0.1:${server.port}`]).fetch(
      `http://127.0.0.1:${server.port}/`,
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('reached /');
  });

  it('refuses a host that is not listed, before connecting', async () => {
    const http = client([`127.0.0.1:${server.port + 1}`, '*.example.com']);

    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/`),
    ).rejects.toThrow(
      new NotAllowedError(
        `Outbound request to "127.0.0.1:${server.port}" refused: the host is not in golive.http.allowedHosts`,
      ),
    );
    expect(server.seen).toEqual([]);
  });

  it.each(['2130706433', '0x7f.0.0.1', '0177.0.0.1', '[::ffff:127.0.0.1]'])(
    'refuses the loopback address written as %s when it is not listed',
    async host => {
      const http = client(['*.example.com', '*.0x7f.example.com']);

      await expect(
        http.fetch(`http://${host}:${server.port}/`),
      ).rejects.toThrow(NotAllowedError);
      expect(server.seen).toEqual([]);
    },
  );

  it.each(['2130706433', '0x7f.0.0.1', '0177.0.0.1'])(
    'reaches the listed 127.0.0.1 written as %s',
    async host => {
      const http = client([`127.0.0.1:${server.port}`]);

      const response = await http.fetch(`http://${host}:${server.port}/`);

      expect(response.status).toBe(200);
    },
  );

  it('refuses localhost unless it is listed', async () => {
    const url = `http://localhost:${server.port}/`;

    await expect(
      client([`127.0.0.1:${server.port}`]).fetch(url),
    ).rejects.toThrow(NotAllowedError);
    expect((await client([`localhost:${server.port}`]).fetch(url)).status).toBe(
      200,
    );
  });

  it('refuses a wildcard host that resolves to a private address', async () => {
    const resolveHost: HostResolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const http = client(['*.golive.test'], { resolveHost });

    await expect(
      http.fetch(`http://app.golive.test:${server.port}/`),
    ).rejects.toThrow(
      new NotAllowedError(
        'Outbound request to "app.golive.test" refused: it resolves to 127.0.0.1, which is not a public address; list the host in golive.http.allowedHosts to allow it',
      ),
    );
    expect(server.seen).toEqual([]);
  });

  it('lets an exactly listed host resolve to a private address', async () => {
    const resolveHost: HostResolver = async () => [
      { address: '127.0.0.1', family: 4 },
    ];
    const http = client(['app.golive.test', '*.golive.test'], { resolveHost });

    const response = await http.fetch(`http://app.golive.test:${server.port}/`);

    expect(await response.text()).toBe('reached /');
  });

  it('refuses schemes other than http and https', async () => {
    await expect(
      client(['*.example.com']).fetch('file:///etc/passwd'),
    ).rejects.toThrow(
      new InputError('Outbound requests must use http: or https:, not "file:"'),
    );
    await expect(
      client(['example.com']).fetch('ftp://example.com/'),
    ).rejects.toThrow(InputError);
  });

  it('follows a redirect to a listed host and keeps credentials at their origin', async () => {
    const http = client([
      `127.0.0.1:${server.port}`,
      `127.0.0.1:${other.port}`,
    ]);

    const response = await http.fetch(
      `http://127.0.0.1:${server.port}/to-other`,
      {
        headers: { authorization: 'Bearer s3cret' },
      },
    );

    expect(await response.text()).toBe('reached /');
    expect(server.seen[0].authorization).toBe('Bearer s3cret');
    expect(other.seen).toEqual([
      expect.objectContaining({ url: '/', authorization: undefined }),
    ]);
  });

  it('refuses a redirect to a host that is not listed', async () => {
    const http = client([`127.0.0.1:${server.port}`]);

    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/to-localhost`),
    ).rejects.toThrow(`Outbound request to "localhost:${server.port}" refused`);
    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/to-file`),
    ).rejects.toThrow(InputError);
    expect(server.seen.map(s => s.url)).toEqual(['/to-localhost', '/to-file']);
  });

  it('turns a POST into a GET after a 303 and keeps it after a 307', async () => {
    const http = client([`127.0.0.1:${server.port}`]);

    await http.fetch(`http://127.0.0.1:${server.port}/see-other`, {
      method: 'POST',
      body: 'a=1',
    });
    await http.fetch(`http://127.0.0.1:${server.port}/to-self`, {
      method: 'POST',
      body: 'b=2',
    });

    expect(
      server.seen.map(({ url, method, body }) => [url, method, body]),
    ).toEqual([
      ['/see-other', 'POST', 'a=1'],
      ['/', 'GET', ''],
      ['/to-self', 'POST', 'b=2'],
      ['/', 'POST', 'b=2'],
    ]);
  });

  it('stops after five redirects', async () => {
    const http = client([`127.0.0.1:${server.port}`]);

    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/loop`),
    ).rejects.toThrow(
      new ServiceUnavailableError(
        `Request to "127.0.0.1:${server.port}" was redirected more than 5 times`,
      ),
    );
    expect(server.seen).toHaveLength(6);
  });

  it('aborts a request that exceeds the timeout and names the host', async () => {
    const http = client([`127.0.0.1:${server.port}`], { timeoutMs: 300 });
    const started = Date.now();

    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/hang`),
    ).rejects.toThrow(
      new ServiceUnavailableError(
        `Request to "127.0.0.1:${server.port}" timed out after 300 ms`,
      ),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });

  it('lets a single request set its own timeout', async () => {
    const http = client([`127.0.0.1:${server.port}`], { timeoutMs: 60_000 });

    await expect(
      http.fetch(`http://127.0.0.1:${server.port}/hang`, { timeoutMs: 100 }),
    ).rejects.toThrow('timed out after 100 ms');
  });
});
