import { ConfigReader } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { GitlabScmProvider } from './GitlabScmProvider';
import { startFakeGitlab } from './__testUtils__/startFakeGitlab';

const TOKEN = 'glpat-9s8d7f6g5h4j3k2l1';
const REPO = 'https://gitlab.example.com/acme/web/shop-web';
const MAIN_SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
const TAG_SHA = '95790bf891e76fee5e1747ab589903a6a1f80f22';
const PIPELINE = 'name: shop-web\non:\n  push:\n    branches: [main]\n';

describe('GitlabScmProvider', () => {
  let gitlab: Awaited<ReturnType<typeof startFakeGitlab>>;
  let provider: GitlabScmProvider;

  beforeEach(async () => {
    gitlab = await startFakeGitlab({
      token: TOKEN,
      projects: {
        'acme/web/shop-web': {
          id: 15,
          defaultBranch: 'main',
          branches: { main: MAIN_SHA, 'feature/checkout': TAG_SHA },
          tags: { 'v1.2.0': TAG_SHA },
          files: {
            [MAIN_SHA]: {
              '.golive/pipeline.yaml': PIPELINE,
              'big.txt': 'x'.repeat(50_000),
            },
          },
        },
        'acme/empty': { id: 16 },
      },
    });
    provider = GitlabScmProvider.fromConfig(
      new ConfigReader({
        integrations: {
          gitlab: [
            {
              host: 'gitlab.example.com',
              apiBaseUrl: gitlab.apiBaseUrl,
              token: TOKEN,
            },
          ],
        },
      }),
      { timeoutMs: 2_000 },
    );
  });

  afterEach(() => gitlab.close());

  describe('supports', () => {
    it('accepts projects on configured hosts, nested groups included', () => {
      expect(provider.supports(REPO)).toBe(true);
      expect(provider.supports(`${REPO}.git`)).toBe(true);
      expect(provider.supports(`${REPO}/-/tree/main`)).toBe(true);
      expect(provider.supports('https://gitlab.com/acme/shop')).toBe(true);
    });

    it('refuses other hosts and URLs that name no project', () => {
      expect(provider.supports('https://github.com/acme/shop')).toBe(false);
      expect(provider.supports('https://gitlab.example.com/acme')).toBe(false);
      expect(provider.supports('not a url')).toBe(false);
    });
  });

  it('builds the repository URL from a slug on the first integration', () => {
    expect(provider.repositoryUrlFromSlug('acme/web/shop-web')).toBe(REPO);
    expect(() => provider.repositoryUrlFromSlug('shop-web')).toThrow(
      InputError,
    );
    expect(() => provider.repositoryUrlFromSlug('acme//shop')).toThrow(
      InputError,
    );
  });

  describe('readFile', () => {
    it('reads a file at a commit with the integration token', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).resolves.toBe(PIPELINE);

      const [request] = gitlab.requests;
      expect(request.url).toBe(
        `/api/v4/projects/acme%2Fweb%2Fshop-web/repository/files/.golive%2Fpipeline.yaml/raw?ref=${MAIN_SHA}`,
      );
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('returns undefined for a file missing at the commit', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: TAG_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).resolves.toBeUndefined();
    });

    it('throws NotFoundError when the project cannot be read', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: 'https://gitlab.example.com/acme/secret',
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses a file over maxBytes, with or without a length', async () => {
      const read = () =>
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: 'big.txt',
          maxBytes: 10_000,
        });
      await expect(read()).rejects.toThrow(
        new InputError("File 'big.txt' is larger than 10000 bytes"),
      );
      gitlab.setChunked(true);
      await expect(read()).rejects.toThrow(InputError);
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: 'big.txt',
          maxBytes: 50_000,
        }),
      ).resolves.toHaveLength(50_000);
    });

    it('throws on a server error, naming GitLab and the status', async () => {
      gitlab.failNext(502);
      const error = await provider
        .readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        'GitLab answered 502 to GET /api/v4/projects/acme%2Fweb%2Fshop-web/repository/files/.golive%2Fpipeline.yaml/raw: 502 Something went wrong',
      );
    });

    it('refuses a repository on no configured host', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: 'https://github.com/acme/shop',
          sha: MAIN_SHA,
          path: 'a',
          maxBytes: 1,
        }),
      ).rejects.toThrow(InputError);
    });
  });

  describe('resolveRef', () => {
    it('resolves the default branch', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });
      expect(gitlab.requests.map(r => r.url)).toEqual([
        '/api/v4/projects/acme%2Fweb%2Fshop-web',
        '/api/v4/projects/acme%2Fweb%2Fshop-web/repository/branches/main',
      ]);
    });

    it('resolves branches with slashes, tags and full ref names', async () => {
      const base = '/api/v4/projects/acme%2Fweb%2Fshop-web/repository';
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'feature/checkout' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'feature/checkout' });
      // a short tag name says it is a tag
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'v1.2.0' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'refs/tags/v1.2.0' });
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'refs/tags/v1.2.0' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'refs/tags/v1.2.0' });
      await expect(
        provider.resolveRef({
          repositoryUrl: REPO,
          ref: MAIN_SHA.slice(0, 12),
        }),
      ).rejects.toThrow(InputError);
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: MAIN_SHA }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: MAIN_SHA });
      expect(gitlab.requests.map(r => r.url)).toEqual([
        `${base}/branches/feature%2Fcheckout`,
        `${base}/branches/v1.2.0`,
        `${base}/tags/v1.2.0`,
        `${base}/tags/v1.2.0`,
        `${base}/commits/${MAIN_SHA.slice(0, 12)}`,
        `${base}/commits/${MAIN_SHA}`,
      ]);
    });

    it('throws InputError for an unknown ref or no default branch', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'nope' }),
      ).rejects.toThrow(
        new InputError(`Ref 'nope' is not in repository '${REPO}'`),
      );
      await expect(
        provider.resolveRef({
          repositoryUrl: 'https://gitlab.example.com/acme/empty',
        }),
      ).rejects.toThrow('has no default branch');
    });
  });

  it('gives git the token as oauth2 credentials', async () => {
    await expect(provider.gitCredentials(REPO)).resolves.toEqual({
      username: 'oauth2',
      password: TOKEN,
    });
    const anonymous = GitlabScmProvider.fromConfig(new ConfigReader({}));
    expect(anonymous.hasCredentials()).toBe(false);
    await expect(
      anonymous.gitCredentials('https://gitlab.com/acme/shop'),
    ).resolves.toBeUndefined();
  });

  describe('setCommitStatus', () => {
    const status = {
      repositoryUrl: REPO,
      sha: MAIN_SHA,
      context: 'golive/shop-web',
      description: 'Run #12 started',
      targetUrl: 'https://portal.example.com/pipelines/runs/r-12',
    };

    it('posts each state in GitLab words', async () => {
      await provider.setCommitStatus({ ...status, state: 'pending' });
      const [request] = gitlab.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe(
        `/api/v4/projects/acme%2Fweb%2Fshop-web/statuses/${MAIN_SHA}`,
      );
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(request.body)).toEqual({
        state: 'pending',
        name: 'golive/shop-web',
        target_url: 'https://portal.example.com/pipelines/runs/r-12',
        description: 'Run #12 started',
      });

      const states = [];
      for (const state of ['success', 'failure', 'error'] as const) {
        await provider.setCommitStatus({ ...status, state });
        states.push(gitlab.statuses[0].status);
      }
      expect(states).toEqual(['success', 'failed', 'canceled']);
    });

    it('treats a repeated state as done', async () => {
      await provider.setCommitStatus({ ...status, state: 'success' });
      await expect(
        provider.setCommitStatus({ ...status, state: 'success' }),
      ).resolves.toBeUndefined();
      expect(gitlab.statuses).toHaveLength(1);
    });

    it('throws when GitLab fails or refuses', async () => {
      gitlab.failNext(503);
      await expect(
        provider.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow(
        `GitLab answered 503 to POST /api/v4/projects/acme%2Fweb%2Fshop-web/statuses/${MAIN_SHA}`,
      );
      const unauthorized = GitlabScmProvider.fromConfig(
        new ConfigReader({
          integrations: {
            gitlab: [
              {
                host: 'gitlab.example.com',
                apiBaseUrl: gitlab.apiBaseUrl,
                token: 'revoked',
              },
            ],
          },
        }),
      );
      await expect(
        unauthorized.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow('GitLab answered 401');
      expect(gitlab.statuses).toEqual([]);
    });

    it('throws ServiceUnavailableError when GitLab does not answer', async () => {
      await gitlab.close();
      await expect(
        provider.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow(ServiceUnavailableError);
    });

    it('refuses a sha that is not a commit hash', async () => {
      await expect(
        provider.setCommitStatus({ ...status, sha: '../x', state: 'success' }),
      ).rejects.toThrow(InputError);
      expect(gitlab.requests).toEqual([]);
    });
  });
});
