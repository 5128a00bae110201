import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A repository as the fake Bitbucket keeps it. */
export interface FakeRepository {
  mainBranch?: string;
  branches?: Record<string, string>;
  tags?: Record<string, string>;
  /** Files by commit, then by path. */
  files?: Record<string, Record<string, string>>;
}

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A build status the fake stored. */
export interface FakeBuildStatus {
  repository: string;
  commit: string;
  key: string;
  state: string;
  name: string;
  url: string;
  description: string;
}

/**
 * Starts a server on 127.0.0.1 that answers the Bitbucket Cloud REST API
 * 2.0 paths GoLive calls, with Bitbucket's payload and error shapes, for
 * callers sending `authorization`.
 */
export async function startFakeBitbucket(options: {
  authorization: string;
  repositories: Record<string, FakeRepository>;
}) {
  const requests: RecordedRequest[] = [];
  const statuses: FakeBuildStatus[] = [];
  const failures: number[] = [];

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body,
    });

    const failure = failures.shift();
    if (failure) {
      res.statusCode = failure;
      res.setHeader('Content-Type', 'text/html');
      res.end('<html><body>Bitbucket is down for maintenance</body></html>');
      return;
    }
    if (req.headers.authorization !== options.authorization) {
      error(res, 401, 'Access token expired or invalid');
      return;
    }
    route(req, res, body);
  });

  function route(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url!, 'http://localhost');
    const parts = url.pathname.split('/').map(decodeURIComponent);
    // ['', '2.0', 'repositories', ws, repo, ...rest]
    if (parts[1] !== '2.0' || parts[2] !== 'repositories') {
      error(res, 404, 'Resource not found');
      return;
    }
    const fullName = `${parts[3]}/${parts[4]}`;
    const repository = options.repositories[fullName];
    if (!repository) {
      error(res, 404, `Repository ${fullName} not found`);
      return;
    }
    const rest = parts.slice(5);

    if (req.method === 'GET' && rest.length === 0) {
      send(res, 200, {
        type: 'repository',
        full_name: fullName,
        name: parts[4],
        scm: 'git',
        is_private: true,
        mainbranch: repository.mainBranch
          ? { type: 'branch', name: repository.mainBranch }
          : null,
        links: { html: { href: `https://bitbucket.org/${fullName}` } },
      });
      return;
    }
    if (req.method === 'GET' && rest[0] === 'src') {
      const path = rest.slice(2).join('/');
      const content = repository.files?.[rest[1]]?.[path];
      if (content === undefined) {
        error(res, 404, `No such file or directory: ${path}`);
        return;
      }
      res.setHeader('Content-Type', 'text/plain');
      res.setHeader('Content-Length', Buffer.byteLength(content));
      res.end(content);
      return;
    }
    if (req.method === 'GET' && rest[0] === 'refs' && rest.length === 3) {
      const kind = rest[1] === 'branches' ? 'branch' : 'tag';
      const refs =
        rest[1] === 'branches' ? repository.branches : repository.tags;
      const hash = refs?.[rest[2]];
      if (!hash) {
        error(res, 404, `${kind === 'branch' ? 'Branch' : 'Tag'} not found`);
        return;
      }
      send(res, 200, {
        type: kind,
        name: rest[2],
        target: { type: 'commit', hash, date: '2026-12-03T10:57:26+00:00' },
        links: {},
      });
      return;
    }
    if (req.method === 'GET' && rest[0] === 'commit' && rest.length === 2) {
      const known = [
        ...Object.values(repository.branches ?? {}),
        ...Object.values(repository.tags ?? {}),
        ...Object.keys(repository.files ?? {}),
      ];
      const hash = known.find(h => h.startsWith(rest[1]));
      if (!hash) {
        error(res, 404, `Commit not found`);
        return;
      }
      send(res, 200, { type: 'commit', hash, message: 'Add the page\n' });
      return;
    }
    if (
      req.method === 'POST' &&
      rest[0] === 'commit' &&
      rest[2] === 'statuses' &&
      rest[3] === 'build'
    ) {
      const input = JSON.parse(body);
      const states = ['INPROGRESS', 'SUCCESSFUL', 'FAILED', 'STOPPED'];
      if (!states.includes(input.state)) {
        error(res, 400, 'state: Invalid value');
        return;
      }
      if (typeof input.key !== 'string' || input.key.length > 40) {
        error(res, 400, 'key: Ensure this value has at most 40 characters');
        return;
      }
      if (typeof input.url !== 'string' || !input.url) {
        error(res, 400, 'url: This field is required.');
        return;
      }
      const status: FakeBuildStatus = {
        repository: fullName,
        commit: rest[1],
        key: input.key,
        state: input.state,
        name: input.name,
        url: input.url,
        description: input.description,
      };
      const existing = statuses.find(
        s => s.commit === status.commit && s.key === status.key,
      );
      if (existing) Object.assign(existing, status);
      else statuses.push(status);
      send(res, 201, { type: 'build', ...status, links: {} });
      return;
    }
    error(res, 404, 'Resource not found');
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiBaseUrl: `http://127.0.0.1:${port}/2.0`,
    requests,
    statuses,
    /** Answers the next requests with these statuses, in order. */
    failNext(...codes: number[]) {
      failures.push(...codes);
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, message: string) {
  send(res, status, { type: 'error', error: { message } });
}
