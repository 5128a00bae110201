import { mockServices } from '@backstage/backend-test-utils';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestRepository } from '../execution/__testUtils__/createTestRepository';
import { startGitHttpServer } from '../execution/__testUtils__/startGitHttpServer';
import { GitWorkspace } from '../execution/GitWorkspace';
import { scmGitCredentials } from './ScmWorkspaces';

jest.setTimeout(30_000);

const PASSWORD = 'ghs_s3cretInstallationToken';

/** A git server that answers 401 unless Basic credentials are right. */
async function startAuthProxy(target: string) {
  const expected = `Basic ${Buffer.from(`x-access-token:${PASSWORD}`).toString(
    'base64',
  )}`;
  const seen: Array<string | undefined> = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end();
      return;
    }
    const upstream = request(`${target}${req.url}`, {
      method: req.method,
      headers: req.headers,
    });
    upstream.on('response', answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('git credentials of SCM providers', () => {
  let base: string;
  let sha: string;
  let git: Awaited<ReturnType<typeof startGitHttpServer>>;
  let proxy: Awaited<ReturnType<typeof startAuthProxy>>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'golive-scm-'));
    const repo = createTestRepository(join(base, 'repos', 'shop.git'));
    await repo.init();
    sha = await repo.commit({ 'README.md': 'private\n' });
    git = await startGitHttpServer(join(base, 'repos'));
    proxy = await startAuthProxy(git.url);
  });

  afterAll(async () => {
    await proxy.close();
    await git.close();
    await rm(base, { recursive: true, force: true });
  });

  const workspacesWith = (password?: string) =>
    GitWorkspace.create({
      rootDirectory: join(base, `workspaces-${password ?? 'none'}`),
      logger: mockServices.logger.mock(),
      credentials: scmGitCredentials([
        {
          id: 'test',
          supports: url => url.startsWith(proxy.url),
          setCommitStatus: async () => {},
          gitCredentials: async () =>
            password ? { username: 'x-access-token', password } : undefined,
        },
      ]),
    });

  it('clones and resolves refs of a private repository with the provider credentials', async () => {
    const workspaces = workspacesWith(PASSWORD);
    const repositoryUrl = `${proxy.url}/shop.git`;

    expect(await workspaces.resolveRef({ repositoryUrl })).toEqual({
      sha,
      ref: 'main',
    });
    const { directory } = await workspaces.prepare({
      repositoryUrl,
      sha,
      jobId: 'job-1',
      attempt: 1,
    });
    expect(await readFile(join(directory, 'README.md'), 'utf8')).toBe(
      'private\n',
    );
    // the token is in no file of the workspace, its git config included
    const config = await readFile(join(directory, '.git', 'config'), 'utf8');
    expect(config).not.toContain(PASSWORD);
    expect(config).not.toContain(
      Buffer.from(`x-access-token:${PASSWORD}`).toString('base64'),
    );
  });

  it('fails without credentials and names no secret in the error', async () => {
    const workspaces = workspacesWith('wrong-password');
    const error = await workspaces
      .resolveRef({ repositoryUrl: `${proxy.url}/shop.git` })
      .catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error.message)).toMatch(/Could not read repository/);
    expect(String(error.message)).not.toContain('wrong-password');
    expect(proxy.seen.some(h => h?.startsWith('Basic '))).toBe(true);
  });
});
