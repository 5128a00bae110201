import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboundHttp } from './OutboundHttp';
import { outboundHttpServiceRef } from './outboundHttpServiceRef';

async function startWithConfig(data: object) {
  let captured: OutboundHttp | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: { http: outboundHttpServiceRef },
            async init({ http }) {
              captured = http;
            },
          });
        },
      }),
    ],
  });
  return { http: captured!, stop: () => backend.stop() };
}

describe('outboundHttpServiceRef', () => {
  const server = createServer((req, res) => {
    if (req.url === '/ok') res.end('ok');
  });
  let port: number;

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('reads the allow-list and the timeout from config', async () => {
    const { http, stop } = await startWithConfig({
      golive: {
        http: { allowedHosts: [`127.0.0.1:${port}`], timeoutMs: 1500 },
      },
    });

    try {
      expect(
        await (await http.fetch(`http://127.0.0.1:${port}/ok`)).text(),
      ).toBe('ok');
      await expect(http.fetch(`http://127.0.0.1:${port}/hang`)).rejects.toThrow(
        'timed out after 1500 ms',
      );
      await expect(http.fetch('https://example.com/')).rejects.toThrow(
        'refused: the host is not in golive.http.allowedHosts',
      );
    } finally {
      await stop();
    }
  });

  it('refuses everything when no host is configured', async () => {
    const { http, stop } = await startWithConfig({});

    try {
      await expect(http.fetch(`http://127.0.0.1:${port}/ok`)).rejects.toThrow(
        'refused',
      );
    } finally {
      await stop();
    }
  });

  it('fails the start on an invalid entry', async () => {
    await expect(
      startWithConfig({ golive: { http: { allowedHosts: ['*'] } } }),
    ).rejects.toThrow('Invalid entry "*" in golive.http.allowedHosts');
  });
});
