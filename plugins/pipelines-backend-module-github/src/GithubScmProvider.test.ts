import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { GithubScmProvider } from './GithubScmProvider';
import {
  MAIN_SHA,
  PIPELINE,
  TAG_SHA,
  TOKEN,
  githubConfig,
  shopRepository,
} from './__testUtils__/shopRepository';
import { FakeGithub, startFakeGithub } from './__testUtils__/startFakeGithub';

const REPO = 'https://github.com/acme/shop';

/** A provider that authenticates as GitHub App 4242 with this key. */
function appProvider(
  apiBaseUrl: string,
  privateKey: KeyObject,
  options?: { timeoutMs?: number },
) {
  return GithubScmProvider.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl,
            apps: [
              {
                appId: 4242,
                clientId: 'Iv1.8a61f9b3a7aba766',
                clientSecret: 'app-client-secret',
                webhookSecret: 'app-webhook-secret',
                privateKey: privateKey
                  .export({ type: 'pkcs1', format: 'pem' })
                  .toString(),
              },
            ],
          },
        ],
      },
    }),
    options,
  );
}

/** A local GitHub with acme/shop and App 4242 installed on acme (id 77). */
function startAppGithub(publicKey: KeyObject, installationToken: string) {
  return startFakeGithub({
    token: 'unused-personal-token',
    repos: { 'acme/shop': shopRepository() },
    app: { appId: 4242, publicKey, installationId: 77, installationToken },
  });
}

describe('GithubScmProvider', () => {
  let github: FakeGithub;
  let provider: GithubScmProvider;

  beforeEach(async () => {
    github = await startFakeGithub({
      token: TOKEN,
      repos: { 'acme/shop': shopRepository() },
    });
    provider = GithubScmProvider.fromConfig(githubConfig(github.baseUrl));
  });

  afterEach(() => github.close());

  describe('repository addresses', () => {
    it('maps slugs to github.com addresses', () => {
      expect(provider.slugAnnotation).toBe('github.com/project-slug');
      expect(provider.repositoryUrlFromSlug('acme/shop')).toBe(REPO);
      expect(() => provider.repositoryUrlFromSlug('acme')).toThrow(
        "GitHub project slug 'acme' is not of the form owner/repo",
      );
      expect(() => provider.repositoryUrlFromSlug('a/b/c')).toThrow(InputError);
    });

    it('supports github.com and the hosts of integrations.github', () => {
      const enterprise = GithubScmProvider.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'ghe.acme.example',
                apiBaseUrl: 'https://ghe.acme.example/api/v3',
              },
            ],
          },
        }),
      );
      expect(
        enterprise.supports('https://ghe.acme.example/acme/shop.git'),
      ).toBe(true);
      expect(enterprise.supports('https://github.com/acme/shop')).toBe(true);
      expect(enterprise.supports('https://gitlab.com/acme/shop')).toBe(false);
      expect(enterprise.supports('/srv/git/shop')).toBe(false);
      expect(enterprise.supports('https://github.com/acme')).toBe(false);
    });
  });

  describe('readFile', () => {
    it('reads a file at a commit', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: `${REPO}.git`,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).resolves.toBe(PIPELINE);
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: TAG_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).resolves.toContain('name: shop-1.4');

      const request = github.requests.find(r => r.path.includes('/contents/'))!;
      expect(request.headers.authorization).toBe(`token ${TOKEN}`);
      expect(request.headers.accept).toContain('application/vnd.github');
      expect(request.headers.accept).toContain('raw');
      expect(request.query.get('ref')).toBe(MAIN_SHA);
    });

    it('answers undefined for a missing file', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: TAG_SHA,
          path: 'src/index.ts',
          maxBytes: 1024,
        }),
      ).resolves.toBeUndefined();
    });

    it('refuses a file over maxBytes', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 20,
        }),
      ).rejects.toThrow(
        `File '.golive/pipeline.yaml' of 'acme/shop' at '${MAIN_SHA}' is ${Buffer.byteLength(
          PIPELINE,
        )} bytes, over the limit of 20 bytes`,
      );
    });

    it('refuses a directory', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive',
          maxBytes: 1024,
        }),
      ).rejects.toThrow('is not a file');
    });

    it('refuses an address that is not a repository', async () => {
      await expect(
        provider.readFile({
          repositoryUrl: 'https://github.com/acme',
          sha: MAIN_SHA,
          path: 'x',
          maxBytes: 1,
        }),
      ).rejects.toThrow(InputError);
    });

    it('reports GitHub as not answering when it answers 503', async () => {
      github.failWith = 503;
      await expect(
        provider.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).rejects.toThrow(
        new ServiceUnavailableError('GitHub is not answering (status 503)'),
      );
    });

    it('reports GitHub as not answering when the server is gone', async () => {
      await github.close();
      const error = await provider
        .readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(/^GitHub is not answering \(.+\)$/);
    });

    it('refuses with the status when the token is wrong', async () => {
      const wrong = GithubScmProvider.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.baseUrl, token: 'nope' },
            ],
          },
        }),
      );
      await expect(
        wrong.readFile({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          path: '.golive/pipeline.yaml',
          maxBytes: 1024,
        }),
      ).rejects.toThrow(
        /GitHub refused access .* \(status 401: Bad credentials\)/,
      );
    });
  });

  describe('resolveRef', () => {
    it('resolves the default branch', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });
    });

    it('resolves a branch and a tag', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'main' }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });
      // a short tag name says it is a tag
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'v1.4.0' }),
      ).resolves.toEqual({ sha: TAG_SHA, ref: 'refs/tags/v1.4.0' });
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'refs/heads/main' }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: 'refs/heads/main' });
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'refs/tags/main' }),
      ).rejects.toThrow(InputError);
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: MAIN_SHA }),
      ).resolves.toEqual({ sha: MAIN_SHA, ref: MAIN_SHA });
      expect(
        github.requests
          .filter(r => r.path.includes('/commits/'))
          .map(r => r.path.replace('/repos/acme/shop/commits/', '')),
      ).toEqual([
        'heads%2Fmain',
        'heads%2Fv1.4.0',
        'tags%2Fv1.4.0',
        'heads%2Fmain',
        'tags%2Fmain',
        MAIN_SHA,
      ]);
    });

    it('throws InputError for an unknown ref', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: REPO, ref: 'nope' }),
      ).rejects.toThrow(
        new InputError("Ref 'nope' is not in repository 'acme/shop'"),
      );
    });

    it('reports an unknown repository as not found', async () => {
      await expect(
        provider.resolveRef({ repositoryUrl: 'https://github.com/acme/gone' }),
      ).rejects.toThrow("Repository 'acme/gone' is not on GitHub");
    });
  });

  describe('gitCredentials', () => {
    it('gives git the integration token', async () => {
      await expect(provider.gitCredentials(REPO)).resolves.toEqual({
        username: 'x-access-token',
        password: TOKEN,
      });
    });

    it('gives nothing for anonymous github.com access', async () => {
      const anonymous = GithubScmProvider.fromConfig(new ConfigReader({}));
      await expect(anonymous.gitCredentials(REPO)).resolves.toBeUndefined();
    });
  });

  describe('setCommitStatus', () => {
    it('posts a commit status', async () => {
      await provider.setCommitStatus({
        repositoryUrl: REPO,
        sha: MAIN_SHA,
        state: 'success',
        context: 'golive/shop-web',
        description: 'Run #12 succeeded',
        targetUrl: 'https://portal.acme.example/pipelines/runs/r-12',
      });
      expect(github.statuses).toEqual([
        {
          slug: 'acme/shop',
          sha: MAIN_SHA,
          body: {
            state: 'success',
            context: 'golive/shop-web',
            description: 'Run #12 succeeded',
            target_url: 'https://portal.acme.example/pipelines/runs/r-12',
          },
        },
      ]);
    });

    it('cuts descriptions to 140 characters', async () => {
      await provider.setCommitStatus({
        repositoryUrl: REPO,
        sha: MAIN_SHA,
        state: 'failure',
        context: 'golive/shop-web',
        description: `Run #13 failed: ${'x'.repeat(300)}`,
        targetUrl: 'https://portal.acme.example/pipelines/runs/r-13',
      });
      const description = github.statuses[0].body.description as string;
      expect(Array.from(description)).toHaveLength(140);
      expect(description.startsWith('Run #13 failed: xxx')).toBe(true);
      expect(description.endsWith('…')).toBe(true);
    });

    it('throws naming GitHub and the status when GitHub refuses', async () => {
      await expect(
        provider.setCommitStatus({
          repositoryUrl: REPO,
          sha: 'f'.repeat(40),
          state: 'pending',
          context: 'golive/shop-web',
          description: 'Run #14 is queued',
          targetUrl: 'https://portal.acme.example/pipelines/runs/r-14',
        }),
      ).rejects.toThrow(
        `GitHub refused commit status 'golive/shop-web' on '${'f'.repeat(
          40,
        )}' of 'acme/shop' (status 422: No commit found for SHA: ${'f'.repeat(
          40,
        )})`,
      );
    });

    it('throws ServiceUnavailableError when GitHub is down', async () => {
      github.failWith = 502;
      await expect(
        provider.setCommitStatus({
          repositoryUrl: REPO,
          sha: MAIN_SHA,
          state: 'error',
          context: 'golive/shop-web',
          description: 'Run #15 errored',
          targetUrl: 'https://portal.acme.example/pipelines/runs/r-15',
        }),
      ).rejects.toThrow(
        new ServiceUnavailableError('GitHub is not answering (status 502)'),
      );
      expect(github.statuses).toEqual([]);
    });
  });

  describe('with a GitHub App', () => {
    it('uses an installation token for the API and for git', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      const app = await startAppGithub(
        publicKey,
        'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      );
      try {
        const viaApp = appProvider(app.baseUrl, privateKey);

        await expect(viaApp.gitCredentials(REPO)).resolves.toEqual({
          username: 'x-access-token',
          password: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
        });
        await expect(
          viaApp.readFile({
            repositoryUrl: REPO,
            sha: MAIN_SHA,
            path: '.golive/pipeline.yaml',
            maxBytes: 1024,
          }),
        ).resolves.toBe(PIPELINE);
        expect(app.requests.map(r => `${r.method} ${r.path}`)).toEqual(
          expect.arrayContaining([
            'GET /app/installations',
            'POST /app/installations/77/access_tokens',
          ]),
        );
        const read = app.requests.find(r => r.path.includes('/contents/'))!;
        expect(read.headers.authorization).toBe(
          'token ghs_16C7e42F292c6912E7710c838347Ae178B4a',
        );
      } finally {
        await app.close();
      }
    });

    it('fails when the app key does not match', async () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const { privateKey: otherKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      const app = await startAppGithub(publicKey, 'ghs_x');
      try {
        const viaApp = appProvider(app.baseUrl, otherKey);
        await expect(viaApp.gitCredentials(REPO)).rejects.toThrow(
          /GitHub refused access to Credentials for 'acme\/shop' \(status 401/,
        );
      } finally {
        await app.close();
      }
    });

    it('stops waiting for an installation token after the time-out', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      const app = await startAppGithub(publicKey, 'ghs_late');
      app.delayMs = 5_000;
      try {
        const viaApp = appProvider(app.baseUrl, privateKey, { timeoutMs: 300 });
        const startedAt = Date.now();
        await expect(viaApp.gitCredentials(REPO)).rejects.toThrow(
          new ServiceUnavailableError(
            "GitHub is not answering (no credentials for 'acme/shop' within 300 ms)",
          ),
        );
        expect(Date.now() - startedAt).toBeLessThan(2_000);
      } finally {
        await app.close();
      }
    });
  });
});
