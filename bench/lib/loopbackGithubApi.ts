import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Empty answers to the list calls of the GitHub Actions sync. */
const EMPTY_LISTS: Array<[RegExp, object]> = [
  [/\/actions\/runs$/, { total_count: 0, workflow_runs: [] }],
  [/\/actions\/workflows$/, { total_count: 0, workflows: [] }],
];

/**
 * A GitHub REST API on 127.0.0.1 that has nothing: lists are empty and
 * everything else is 404. `integrations.github` points github.com at it,
 * so whatever the GitHub module calls (such as the GitHub Actions sync of
 * entities with `github.com/project-slug`) stays on this machine. The
 * measured path itself calls nothing: the pipeline is read from the local
 * repository of `golive.dev/repository-url`.
 */
export async function startLoopbackGithubApi() {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(`${req.method} ${path}`);
    const hit = EMPTY_LISTS.find(([pattern]) => pattern.test(path));
    res.writeHead(hit && req.method === 'GET' ? 200 : 404, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify(hit?.[1] ?? { message: 'Not Found' }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    /** `METHOD /path` of every request received. */
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
