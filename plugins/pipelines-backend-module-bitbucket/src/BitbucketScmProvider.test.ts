import { ConfigReader } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { BitbucketScmProvider } from './BitbucketScmProvider';
import { bitbucketStatusKey } from './bitbucketStatusKey';
import { startFakeBitbucket } from './__testUtils__/startFakeBitbucket';

const USERNAME = 'golive-bot';
const APP_PASSWORD = 'ATBB9s8d7f6g5h4j3k2l1';
const BASIC = `Basic ${Buffer.from(`${USERNAME}:${APP_PASSWORD}`).toString(
  'base64',
)}`;
const REPO = 'https://bitbucket.org/acme/shop-web';
const MAIN_SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
const TAG_SHA = '95790bf891e76fee5e1747ab589903a6a1f80f22';
const PIPELINE = 'name: shop-web\non:\n  push:\n    branches: [main]\n';

function providerFor(apiBaseUrl: string, credentials: object) {
  return BitbucketScmProvider.fromConfig(
    new ConfigReader({
      integrations: { bitbucketCloud: [{ apiBaseUrl, ...credentials }] },
    }),
    { timeoutMs: 2_000 },
  );
}

describe('BitbucketScmProvider', () => {
  let bitbucket: Awaited<ReturnType<typeof startFakeBitbucket>>;
  let provider: BitbucketScmProvider;

  beforeEach(async () => {
    bitbucket = await startFakeBitbucket({
      authorization: BASIC,
      repositories: {
        'acme/shop-web': {
          mainBranch: 'main',
          branches: { main: MAIN_SHA, 'feature/checkout': TAG_SHA },
          tags: { 'v1.2.0': TAG_SHA },
          files: {
            [MAIN_SHA]: {
              '.golive/pipeline.yaml': PIPELINE,
              'big.txt': 'x'.repeat(50_000),
            },
          },
        },
        'acme/empty': {},
      },
    });
    provider = providerFor(bitbucket.apiBaseUrl, {
      username: USERNAME,
      appPassword: APP_PASSWORD,
    });
  });

  afterEach(() => bitbucket.close());

  it('supports bitbucket.org repositories only', () => {
    expect(provider.supports(REPO)).toBe(true);
    expect(provider.supports(`${REPO}.git`)).toBe(true);
    expect(provider.supports(`${REPO}/src/main/README.md`)).toBe(true);
    expect(provider.supports('https://bitbucket.org/acme')).toBe(false);
    expect(provider.supports('https://gitlab.com/acme/shop-web')).toBe(false);
    expect(provider.supports('::')).toBe(false);
  });

  it('builds the repository URL from a slug', () => {
    expect(provider.repositoryUrlFromSlug('acme/shop-web')).toBe(REPO);
    expect(() => provider.repositoryUrlFromSlug('acme')).toThrow(InputError);
    expect(() => provider.repositoryUrlFromSlug('acme/a/b')).toThrow(
      InputError,
    );
  });

  it('refuses an apiBaseUrl that is not an HTTP URL', () => {
    expect(() => providerFor('ftp://x', {})).toThrow(InputError);
  });

  describe('readFile', () => {
    it('reads a file at a commit with the app password', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).resolves.toBe(PIPELINE);
      const [request] = bitbucket.requests;
      expect(request.url).toBe(
        `/2.0/repositories/acme/shop-web/src/${MAIN_SHA}/.golive/pipeline.yaml`,
      );
      expect(request.headers.authorization).toBe(BASIC);
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

    it('throws NotFoundError for a repository it cannot read', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: 'https://bitbucket.org/acme/secret',
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses a file over maxBytes', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: 'big.txt',
          maxBytes: 49_999,
        }),
      ).rejects.toThrow(
        new InputError("File 'big.txt' is larger than 49999 bytes"),
      );
    });

    it('refuses a path that leaves the repository', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '../other/file',
          maxBytes: 10,
        }),
      ).rejects.toThrow(InputError);
      expect(bitbucket.requests).toEqual([]);
    });

    it('throws on a server error, naming Bitbucket and the status', async () => {
      bitbucket.failNext(500);
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
        `Bitbucket answered 500 to GET /2.0/repositories/acme/shop-web/src/${MAIN_SHA}/.golive/pipeline.yaml: <html><body>Bitbucket is down for maintenance</body></html>`,
      );
    });
  });

  describe('resolveRef', () => {
    it('resolves the main branch', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });
      expect(bitbucket.requests.map(r => r.url)).toEqual([
        '/2.0/repositories/acme/shop-web',
        '/2.0/repositories/acme/shop-web/refs/branches/main',
      ]);
    });

    it('resolves branches, then tags, and full ref names', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'feature/checkout' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'feature/checkout' });
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'v1.2.0' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'refs/tags/v1.2.0' });
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'refs/tags/v1.2.0' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'refs/tags/v1.2.0' });
      expect(bitbucket.requests.map(r => r.url)).toEqual([
        '/2.0/repositories/acme/shop-web/refs/branches/feature%2Fcheckout',
        '/2.0/repositories/acme/shop-web/refs/branches/v1.2.0',
        '/2.0/repositories/acme/shop-web/refs/tags/v1.2.0',
        '/2.0/repositories/acme/shop-web/refs/tags/v1.2.0',
      ]);
    });

    it('expands the short hash of a pull request webhook', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: TAG_SHA.slice(0, 12) }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: TAG_SHA.slice(0, 12) });
      expect(bitbucket.requests.map(r => r.url).slice(-1)).toEqual([
        `/2.0/repositories/acme/shop-web/commit/${TAG_SHA.slice(0, 12)}`,
      ]);
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'abcdef123456' }),
      ).rejects.toThrow(InputError);
    });

    it('throws InputError for an unknown ref or no main branch', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'refs/heads/v1.2.0' }),
      ).rejects.toThrow(
        new InputError(
          `Ref 'refs/heads/v1.2.0' is not in repository '${REPO}'`,
        ),
      );
      await expect(
        provider.resolveRef({
          repositoryUrl: 'https://bitbucket.org/acme/empty',
        }),
      ).rejects.toThrow('has no default branch');
    });
  });

  it('gives git the credentials of each kind of integration', async () => {
    await expect(provider.gitCredentials(REPO)).resolves.toEqual({
      username: USERNAME,
      password: APP_PASSWORD,
    });
    const apiToken = providerFor(bitbucket.apiBaseUrl, {
      username: 'jdoe@example.com',
      token: 'ATATT3x',
    });
    await expect(apiToken.gitCredentials(REPO)).resolves.toEqual({
      username: 'x-bitbucket-api-token-auth',
      password: 'ATATT3x',
    });
    const accessToken = providerFor(bitbucket.apiBaseUrl, { token: 'ATCTT3x' });
    await expect(accessToken.gitCredentials(REPO)).resolves.toEqual({
      username: 'x-token-auth',
      password: 'ATCTT3x',
    });
    const anonymous = providerFor(bitbucket.apiBaseUrl, {});
    expect(anonymous.hasCredentials()).toBe(false);
    await expect(anonymous.gitCredentials(REPO)).resolves.toBeUndefined();
  });

  it('sends an access token as a bearer token', async () => {
    await bitbucket.close();
    bitbucket = await startFakeBitbucket({
      authorization: 'Bearer ATCTT3x',
      repositories: {
        'acme/shop-web': { mainBranch: 'main', branches: { main: MAIN_SHA } },
      },
    });
    const accessToken = providerFor(bitbucket.apiBaseUrl, { token: 'ATCTT3x' });
    await expect(
      accessToken.resolveRef({ repositoryUrl: REPO }),
    ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });
  });

  describe('setCommitStatus', () => {
    const status = {
      repositoryUrl: REPO,
      sha: MAIN_SHA,
      context: 'golive/shop-web',
      description: 'Run #12 started',
      targetUrl: 'https://portal.example.com/pipelines/runs/r-12',
    };

    it('posts a build status keyed by the context', async () => {
      await provider.setCommitStatus({ ...status, state: 'pending' });
      const [request] = bitbucket.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe(
        `/2.0/repositories/acme/shop-web/commit/${MAIN_SHA}/statuses/build`,
      );
      expect(request.headers.authorization).toBe(BASIC);
      expect(JSON.parse(request.body)).toEqual({
        key: bitbucketStatusKey('golive/shop-web'),
        state: 'INPROGRESS',
        name: 'golive/shop-web',
        url: 'https://portal.example.com/pipelines/runs/r-12',
        description: 'Run #12 started',
      });
    });

    it('maps each state and updates the same status', async () => {
      const states = [];
      for (const state of ['success', 'failure', 'error'] as const) {
        await provider.setCommitStatus({ ...status, state });
        states.push(bitbucket.statuses[0].state);
      }
      expect(states).toEqual(['SUCCESSFUL', 'FAILED', 'STOPPED']);
      expect(bitbucket.statuses).toHaveLength(1);
    });

    it('keeps keys short and apart for long contexts', async () => {
      const long = `golive/${'a'.repeat(200)}`;
      await provider.setCommitStatus({
        ...status,
        context: long,
        state: 'success',
      });
      await provider.setCommitStatus({
        ...status,
        context: `${long}b`,
        state: 'success',
      });
      expect(bitbucket.statuses).toHaveLength(2);
      expect(bitbucketStatusKey(long)).toBe(bitbucketStatusKey(long));
      expect(bitbucketStatusKey(long).length).toBeLessThanOrEqual(40);
    });

    it('throws when Bitbucket fails or refuses', async () => {
      bitbucket.failNext(503);
      await expect(
        provider.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow(ServiceUnavailableError);
      const revoked = providerFor(bitbucket.apiBaseUrl, {
        username: USERNAME,
        appPassword: 'revoked',
      });
      await expect(
        revoked.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow(
        `Bitbucket answered 401 to POST /2.0/repositories/acme/shop-web/commit/${MAIN_SHA}/statuses/build: Access token expired or invalid`,
      );
      expect(bitbucket.statuses).toEqual([]);
    });

    it('throws ServiceUnavailableError when Bitbucket does not answer', async () => {
      await bitbucket.close();
      await expect(
        provider.setCommitStatus({ ...status, state: 'success' }),
      ).rejects.toThrow(ServiceUnavailableError);
    });
  });
});
