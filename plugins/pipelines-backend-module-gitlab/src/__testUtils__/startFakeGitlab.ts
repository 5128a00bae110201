import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A project as the fake GitLab keeps it. */
export interface FakeProject {
  id: number;
  defaultBranch?: string;
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

/** A commit status the fake stored. */
export interface FakeStatus {
  project: string;
  sha: string;
  name: string;
  status: string;
  target_url: string;
  description: string;
}

/**
 * Starts a server on 127.0.0.1 that answers the GitLab REST API v4 paths
 * GoLive calls, with GitLab's payload shapes and error bodies, for a
 * private-token holder `token`.
 */
export async function startFakeGitlab(options: {
  token: string;
  projects: Record<string, FakeProject>;
}) {
  const requests: RecordedRequest[] = [];
  const statuses: FakeStatus[] = [];
  const failures: number[] = [];
  let chunked = false;

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
      send(res, failure, { message: `${failure} Something went wrong` });
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, 401, { message: '401 Unauthorized' });
      return;
    }
    route(req, res, body);
  });

  function route(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url!, 'http://localhost');
    const parts = url.pathname.split('/').map(decodeURIComponent);
    // ['', 'api', 'v4', 'projects', '<path>', ...rest]
    if (parts[1] !== 'api' || parts[2] !== 'v4' || parts[3] !== 'projects') {
      send(res, 404, { error: '404 Not Found' });
      return;
    }
    const projectPath = parts[4];
    const project = options.projects[projectPath];
    if (!project) {
      send(res, 404, { message: '404 Project Not Found' });
      return;
    }
    const rest = parts.slice(5);

    if (req.method === 'GET' && rest.length === 0) {
      send(res, 200, {
        id: project.id,
        path_with_namespace: projectPath,
        default_branch: project.defaultBranch ?? null,
        web_url: `https://gitlab.example.com/${projectPath}`,
      });
      return;
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'repository' &&
      rest[1] === 'files' &&
      rest[3] === 'raw'
    ) {
      const ref = url.searchParams.get('ref') ?? '';
      const content = project.files?.[ref]?.[rest[2]];
      if (content === undefined) {
        send(res, 404, { message: '404 File Not Found' });
        return;
      }
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      if (chunked) {
        res.statusCode = 200;
        for (let i = 0; i < content.length; i += 1024) {
          res.write(content.slice(i, i + 1024));
        }
        res.end();
      } else {
        res.setHeader('Content-Length', Buffer.byteLength(content));
        res.end(content);
      }
      return;
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'repository' &&
      (rest[1] === 'branches' || rest[1] === 'tags')
    ) {
      // GET /projects/:id/repository/branches/:branch and .../tags/:tag_name
      const names = rest[1] === 'branches' ? project.branches : project.tags;
      const sha = names?.[rest[2]];
      if (!sha) {
        send(res, 404, {
          message:
            rest[1] === 'branches'
              ? '404 Branch Not Found'
              : '404 Tag Not Found',
        });
        return;
      }
      const commit = { id: sha, short_id: sha.slice(0, 8), parent_ids: [] };
      send(
        res,
        200,
        rest[1] === 'branches'
          ? { name: rest[2], commit, merged: false, protected: false }
          : { name: rest[2], target: sha, commit, protected: false },
      );
      return;
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'repository' &&
      rest[1] === 'commits'
    ) {
      const ref = rest[2];
      const sha =
        project.branches?.[ref] ??
        project.tags?.[ref] ??
        (/^[0-9a-f]{40}$/.test(ref) ? ref : undefined);
      if (!sha) {
        send(res, 404, { message: '404 Commit Not Found' });
        return;
      }
      send(res, 200, {
        id: sha,
        short_id: sha.slice(0, 8),
        title: 'Update the pipeline',
        parent_ids: [],
      });
      return;
    }
    if (req.method === 'POST' && rest[0] === 'statuses') {
      const input = JSON.parse(body);
      const states = ['pending', 'running', 'success', 'failed', 'canceled'];
      if (!states.includes(input.state)) {
        send(res, 400, { message: 'state does not have a valid value' });
        return;
      }
      const existing = statuses.find(
        s => s.sha === rest[1] && s.name === input.name,
      );
      if (existing && existing.status === input.state) {
        send(res, 400, {
          message: `Cannot transition status via :${input.state} from :${existing.status} (Reason(s): Status cannot transition via "${input.state}".)`,
        });
        return;
      }
      const status: FakeStatus = {
        project: projectPath,
        sha: rest[1],
        name: input.name ?? 'default',
        status: input.state,
        target_url: input.target_url,
        description: input.description,
      };
      if (existing) Object.assign(existing, status);
      else statuses.push(status);
      send(res, 201, { id: statuses.length, ...status, allow_failure: false });
      return;
    }
    send(res, 404, { error: '404 Not Found' });
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiBaseUrl: `http://127.0.0.1:${port}/api/v4`,
    requests,
    statuses,
    /** Answers the next requests with these statuses, in order. */
    failNext(...codes: number[]) {
      failures.push(...codes);
    },
    /** Sends raw files without a Content-Length, in chunks. */
    setChunked(value: boolean) {
      chunked = value;
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
