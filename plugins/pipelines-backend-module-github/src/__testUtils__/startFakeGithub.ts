import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { fakeActionsRoutes } from './fakeActionsRoutes';
import { FakeGithubApp, fakeAppRoutes } from './fakeGithubApp';
import { DOCS, json, notFound } from './fakeGithubHttp';
import { fakeRepositoryRoutes } from './fakeRepositoryRoutes';
import { JobSpec, RunSpec, WorkflowSpec } from './githubPayloads';

/** One repository the local server holds. */
export interface FakeRepository {
  defaultBranch: string;
  /** Branch and tag names (short or full) to commit shas. */
  refs: Record<string, string>;
  /** The names of `refs` that are tags; the others are branches. */
  tags?: string[];
  /** Commit sha to file path to content. */
  files: Record<string, Record<string, string>>;
  workflows: WorkflowSpec[];
  /** Newest first, as GitHub lists them. */
  runs: RunSpec[];
  jobs: JobSpec[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
}

/**
 * A local HTTP server on 127.0.0.1 that answers the GitHub REST paths the
 * module calls, with GitHub's documented status codes and payload shapes:
 * JSON errors `{ message, documentation_url }`, 302 to a short-lived URL
 * for job logs, 204 for workflow dispatches.
 */
export interface FakeGithub {
  baseUrl: string;
  /**
   * Another origin that serves the job logs GitHub redirects to, as
   * GitHub's storage hosts do; API tokens must not reach it.
   */
  blobUrl: string;
  repos: Map<string, FakeRepository>;
  requests: RecordedRequest[];
  statuses: Array<{ slug: string; sha: string; body: any }>;
  reruns: Array<{ slug: string; runId: number }>;
  dispatches: Array<{ slug: string; workflowId: string; body: any }>;
  /** When set, every API call answers this status. */
  failWith?: number;
  /** When set, API calls hang this many milliseconds before answering. */
  delayMs?: number;
  close(): Promise<void>;
}

export async function startFakeGithub(options: {
  /** The token the API accepts (a personal access token). */
  token: string;
  repos: Record<string, FakeRepository>;
  /** A GitHub App installed on the `acme` organization. */
  app?: FakeGithubApp;
}): Promise<FakeGithub> {
  const fake: FakeGithub = {
    baseUrl: '',
    blobUrl: '',
    repos: new Map(Object.entries(options.repos)),
    requests: [],
    statuses: [],
    reruns: [],
    dispatches: [],
    close: async () => {},
  };

  const listen = async (blobs: boolean) => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: text ? JSON.parse(text) : undefined,
        };
        fake.requests.push(recorded);
        const answer = () => {
          try {
            if (blobs) {
              blobRoute(fake, recorded, res);
            } else {
              route(fake, options, recorded, res);
            }
          } catch (error) {
            json(res, 500, { message: String(error) });
          }
        };
        if (fake.delayMs && !blobs) {
          setTimeout(answer, fake.delayMs);
        } else {
          answer();
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { server, url: `http://127.0.0.1:${port}` };
  };

  const api = await listen(false);
  const blobs = await listen(true);
  fake.baseUrl = api.url;
  fake.blobUrl = blobs.url;
  fake.close = async () => {
    for (const { server } of [api, blobs]) {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  };
  return fake;
}

/** The signed log address GitHub redirects to; it takes no API token. */
function blobRoute(
  fake: FakeGithub,
  req: RecordedRequest,
  res: ServerResponse,
) {
  const blob = /^\/_blobs\/jobs\/(\d+)\/logs$/.exec(req.path);
  const job = [...fake.repos.values()]
    .flatMap(r => r.jobs)
    .find(j => blob && j.id === Number(blob[1]));
  if (
    req.method !== 'GET' ||
    !job ||
    req.query.get('sig') !== `job-${job.id}` ||
    req.headers.authorization
  ) {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end('<Error><Code>AuthenticationFailed</Code></Error>');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(job.log ?? '');
}

function route(
  fake: FakeGithub,
  options: { token: string; app?: FakeGithubApp },
  req: RecordedRequest,
  res: ServerResponse,
) {
  if (fake.failWith) {
    json(res, fake.failWith, { message: 'Service Unavailable' });
    return;
  }
  const auth = req.headers.authorization ?? '';
  if (req.path.startsWith('/app/')) {
    fakeAppRoutes(options.app, auth, req, res);
    return;
  }
  const tokens = [options.token, options.app?.installationToken];
  if (
    !tokens.some(t => t && (auth === `token ${t}` || auth === `Bearer ${t}`))
  ) {
    json(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
    return;
  }

  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
  if (!m) {
    notFound(res);
    return;
  }
  const slug = `${m[1]}/${m[2]}`;
  const repo = fake.repos.get(slug);
  if (!repo) {
    notFound(res);
    return;
  }
  const call = { fake, slug, repo, rest: m[3] ?? '', req, res };
  if (!fakeRepositoryRoutes(call) && !fakeActionsRoutes(call)) {
    notFound(res);
  }
}
