import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { GithubActionsProvider } from './GithubActionsProvider';
import { GithubClientFactory } from './GithubClientFactory';
import { RunSpec } from './__testUtils__/githubPayloads';
import {
  MAIN_SHA,
  TOKEN,
  githubConfig,
  shopRepository,
} from './__testUtils__/shopRepository';
import {
  FakeGithub,
  FakeRepository,
  startFakeGithub,
} from './__testUtils__/startFakeGithub';

const BUILD = { id: 11, name: 'Build', path: '.github/workflows/build.yml' };
const DEPLOY = { id: 12, name: 'Deploy', path: '.github/workflows/deploy.yml' };
const WEB_LINT = {
  id: 13,
  name: 'Web lint',
  path: '.github/workflows/web-lint.yml',
};
const WEB_E2E = {
  id: 14,
  name: 'Web e2e',
  path: '.github/workflows/web-e2e.yml',
};
const OLD = {
  id: 15,
  name: 'Old',
  path: '.github/workflows/old.yml',
  state: 'disabled_manually',
};

const WORKFLOW_FILES = {
  [BUILD.path]: `name: Build
on:
  push:
    branches: [main]
  workflow_dispatch:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: yarn test
`,
  [DEPLOY.path]: `name: Deploy
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Where to deploy
        type: choice
        required: true
        options: [staging, production]
      dry-run:
        type: boolean
        default: false
      version:
        description: Release to deploy
        default: latest
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
`,
  [WEB_LINT.path]: `on: pull_request
jobs:
  lint: { runs-on: ubuntu-latest, steps: [{ run: yarn lint }] }
`,
  [WEB_E2E.path]: `on: [push, pull_request]
jobs:
  e2e: { runs-on: ubuntu-latest, steps: [{ run: yarn e2e }] }
`,
};

const WORKFLOWS = [BUILD, DEPLOY, WEB_LINT, WEB_E2E, OLD];

/** 250 runs, newest first, cycling through the four active workflows. */
function manyRuns(): RunSpec[] {
  return Array.from({ length: 250 }, (_, i) => {
    const n = 250 - i;
    return {
      id: 7000 + n,
      workflowId: [11, 12, 13, 14][n % 4],
      runNumber: n,
      createdAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    };
  });
}

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop-web', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
  };
}

const SHOP = entity({ 'github.com/project-slug': 'acme/shop' });
const SOURCE = { key: 'acme/shop', label: 'acme/shop' };

describe('GithubActionsProvider', () => {
  let github: FakeGithub;
  let repo: FakeRepository;
  let provider: GithubActionsProvider;

  beforeEach(async () => {
    repo = shopRepository();
    repo.files[MAIN_SHA] = { ...repo.files[MAIN_SHA], ...WORKFLOW_FILES };
    repo.workflows = WORKFLOWS;
    repo.runs = manyRuns();
    github = await startFakeGithub({
      token: TOKEN,
      repos: { 'acme/shop': repo },
    });
    provider = GithubActionsProvider.fromConfig(githubConfig(github.baseUrl));
  });

  afterEach(() => github.close());

  describe('sourcesOf', () => {
    it('gives one source per entity with a project slug', () => {
      expect(provider.id).toBe('github-actions');
      expect(provider.title).toBe('GitHub Actions');
      expect(provider.annotations).toEqual(['github.com/project-slug']);
      expect(provider.sourcesOf(SHOP)).toEqual([
        {
          key: 'acme/shop',
          label: 'acme/shop',
          url: 'https://github.com/acme/shop/actions',
        },
      ]);
      expect(provider.sourcesOf(entity({}))).toEqual([]);
    });

    it('names the picked workflows in the label', () => {
      const web = entity({
        'github.com/project-slug': 'acme/shop',
        'golive.dev/github-workflows': 'web-*.yml, build.yml',
      });
      expect(provider.sourcesOf(web)).toEqual([
        {
          key: 'acme/shop',
          label: 'acme/shop (web-*.yml, build.yml)',
          url: 'https://github.com/acme/shop/actions',
        },
      ]);
    });

    it('takes an Enterprise host from the source location', () => {
      const enterprise = GithubActionsProvider.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'ghe.acme.example',
                apiBaseUrl: github.baseUrl,
                token: TOKEN,
              },
            ],
          },
        }),
      );
      const ghe = entity({
        'github.com/project-slug': 'acme/shop',
        'backstage.io/source-location':
          'url:https://ghe.acme.example/acme/shop/tree/main/',
      });
      expect(enterprise.sourcesOf(ghe)[0].url).toBe(
        'https://ghe.acme.example/acme/shop/actions',
      );
    });

    it('throws InputError for a malformed slug or an empty workflow list', () => {
      expect(() =>
        provider.sourcesOf(entity({ 'github.com/project-slug': 'acme' })),
      ).toThrow(
        "Entity 'component:default/shop-web' has a bad github.com/project-slug",
      );
      expect(() =>
        provider.sourcesOf(
          entity({
            'github.com/project-slug': 'acme/shop',
            'golive.dev/github-workflows': ' , ',
          }),
        ),
      ).toThrow(InputError);
    });
  });

  describe('listRuns', () => {
    it('maps a workflow run to an external run', async () => {
      repo.runs = [
        {
          id: 30433642,
          workflowId: BUILD.id,
          runNumber: 562,
          event: 'push',
          status: 'completed',
          conclusion: 'success',
          headBranch: 'main',
          headSha: MAIN_SHA,
          actor: 'octocat',
          createdAt: '2026-12-01T09:20:11Z',
          runStartedAt: '2026-12-01T09:20:14Z',
          updatedAt: '2026-12-01T09:24:40Z',
        },
      ];
      const { runs, nextCursor } = await provider.listRuns({
        entity: SHOP,
        source: SOURCE,
        limit: 20,
      });
      expect(nextCursor).toBeUndefined();
      expect(runs).toEqual([
        {
          externalId: '30433642',
          number: 562,
          name: 'Build',
          status: 'succeeded',
          trigger: 'push',
          actor: 'octocat',
          ref: 'main',
          sha: MAIN_SHA,
          inputs: {},
          createdAt: '2026-12-01T09:20:11Z',
          startedAt: '2026-12-01T09:20:14Z',
          finishedAt: '2026-12-01T09:24:40Z',
          url: 'https://github.com/acme/shop/actions/runs/30433642',
        },
      ]);
      const call = github.requests.find(r => r.path.endsWith('/actions/runs'))!;
      expect(call.headers.authorization).toBe(`token ${TOKEN}`);
    });

    it.each([
      ['queued', null, 'queued'],
      ['requested', null, 'queued'],
      ['pending', null, 'queued'],
      ['in_progress', null, 'running'],
      ['waiting', null, 'waiting'],
      ['completed', 'success', 'succeeded'],
      ['completed', 'neutral', 'succeeded'],
      ['completed', 'failure', 'failed'],
      ['completed', 'timed_out', 'failed'],
      ['completed', 'startup_failure', 'failed'],
      ['completed', 'cancelled', 'cancelled'],
      ['completed', 'skipped', 'cancelled'],
      ['completed', 'action_required', 'waiting'],
    ])(
      'maps status %s with conclusion %s to %s',
      async (status, conclusion, expected) => {
        repo.runs = [
          { id: 1, workflowId: BUILD.id, runNumber: 1, status, conclusion },
        ];
        const { runs } = await provider.listRuns({
          entity: SHOP,
          source: SOURCE,
          limit: 5,
        });
        expect(runs[0].status).toBe(expected);
        expect(runs[0].finishedAt === undefined).toBe(status !== 'completed');
      },
    );

    it.each([
      ['push', 'push'],
      ['pull_request', 'pull_request'],
      ['pull_request_target', 'pull_request'],
      ['schedule', 'schedule'],
      ['workflow_dispatch', 'manual'],
      ['repository_dispatch', 'api'],
      ['release', 'api'],
    ])('maps event %s to trigger %s', async (event, trigger) => {
      repo.runs = [
        {
          id: 1,
          workflowId: BUILD.id,
          runNumber: 1,
          event,
          triggeringActor: 'hubot',
        },
      ];
      const { runs } = await provider.listRuns({
        entity: SHOP,
        source: SOURCE,
        limit: 5,
      });
      expect(runs[0].trigger).toBe(trigger);
      expect(runs[0].actor).toBe('hubot');
    });

    it('pages through every run, newest first, without repeats', async () => {
      const seen: number[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await provider.listRuns({
          entity: SHOP,
          source: SOURCE,
          limit: 100,
          cursor,
        });
        sizes.push(page.runs.length);
        seen.push(...page.runs.map(r => r.number));
        cursor = page.nextCursor;
      } while (cursor);
      expect(sizes).toEqual([100, 100, 50]);
      expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    });

    it('lists the runs of one picked workflow through its own endpoint', async () => {
      const build = entity({
        'github.com/project-slug': 'acme/shop',
        'golive.dev/github-workflows': 'build.yml',
      });
      const first = await provider.listRuns({
        entity: build,
        source: SOURCE,
        limit: 40,
      });
      const second = await provider.listRuns({
        entity: build,
        source: SOURCE,
        limit: 40,
        cursor: first.nextCursor,
      });
      const all = [...first.runs, ...second.runs];
      expect(first.runs).toHaveLength(40);
      expect(second.nextCursor).toBeUndefined();
      expect(all).toHaveLength(62);
      expect(new Set(all.map(r => r.name))).toEqual(new Set(['Build']));
      expect(
        github.requests.some(
          r => r.path === '/repos/acme/shop/actions/workflows/11/runs',
        ),
      ).toBe(true);
    });

    it('keeps pages full when several workflows are picked by glob', async () => {
      const web = entity({
        'github.com/project-slug': 'acme/shop',
        'golive.dev/github-workflows': '.github/workflows/web-*.yml',
      });
      const names: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await provider.listRuns({
          entity: web,
          source: SOURCE,
          limit: 30,
          cursor,
        });
        sizes.push(page.runs.length);
        names.push(...page.runs.map(r => r.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names).toHaveLength(125);
      expect(new Set(names)).toEqual(new Set(['Web lint', 'Web e2e']));
      expect(sizes.slice(0, -1).every(size => size === 30)).toBe(true);
    });

    it('lists nothing when the picked workflows do not exist or are disabled', async () => {
      for (const pattern of ['missing.yml', 'old.yml']) {
        const none = entity({
          'github.com/project-slug': 'acme/shop',
          'golive.dev/github-workflows': pattern,
        });
        await expect(
          provider.listRuns({ entity: none, source: SOURCE, limit: 10 }),
        ).resolves.toEqual({ runs: [] });
      }
    });

    it('refuses a malformed cursor and a foreign source', async () => {
      await expect(
        provider.listRuns({
          entity: SHOP,
          source: SOURCE,
          limit: 10,
          cursor: 'abc',
        }),
      ).rejects.toThrow(
        new InputError("Cursor 'abc' is not a GitHub Actions page cursor"),
      );
      await expect(
        provider.listRuns({
          entity: SHOP,
          source: { key: 'acme/other', label: 'x' },
          limit: 10,
        }),
      ).rejects.toThrow(NotFoundError);
    });
  });

  describe('getRun', () => {
    beforeEach(() => {
      repo.runs = [
        {
          id: 900,
          workflowId: BUILD.id,
          runNumber: 9,
          status: 'in_progress',
          conclusion: null,
        },
        { id: 901, workflowId: DEPLOY.id, runNumber: 3 },
      ];
      repo.jobs = [
        {
          id: 5001,
          runId: 900,
          name: 'build',
          status: 'completed',
          conclusion: 'failure',
          startedAt: '2026-12-01T09:20:15Z',
          completedAt: '2026-12-01T09:21:15Z',
          steps: [
            { name: 'Set up job' },
            { name: 'Run yarn test', conclusion: 'failure' },
            { name: 'Post checkout', conclusion: 'skipped' },
          ],
        },
        {
          id: 5002,
          runId: 900,
          name: 'e2e (chromium)',
          status: 'in_progress',
          steps: [
            { name: 'Set up job' },
            { name: 'Run e2e', status: 'in_progress' },
            { name: 'Upload', status: 'queued' },
          ],
        },
        {
          id: 5003,
          runId: 900,
          name: 'lint',
          status: 'completed',
          conclusion: 'skipped',
          steps: [],
        },
      ];
    });

    it('gives the run with its jobs and steps', async () => {
      const run = await provider.getRun({
        entity: SHOP,
        source: SOURCE,
        externalId: '900',
      });
      expect(run).toMatchObject({
        externalId: '900',
        number: 9,
        status: 'running',
        name: 'Build',
      });
      expect(run!.jobs.map(j => [j.id, j.name, j.status])).toEqual([
        ['5001', 'build', 'failed'],
        ['5002', 'e2e (chromium)', 'running'],
        ['5003', 'lint', 'skipped'],
      ]);
      expect(run!.jobs[0]).toMatchObject({
        key: 'build',
        attempt: 1,
        needs: [],
        approvalRequired: false,
        startedAt: '2026-12-01T09:20:15Z',
        finishedAt: '2026-12-01T09:21:15Z',
        durationMs: 60_000,
      });
      expect(run!.jobs[0].steps).toEqual([
        expect.objectContaining({
          id: '5001:1',
          index: 0,
          name: 'Set up job',
          status: 'succeeded',
          durationMs: 4000,
        }),
        expect.objectContaining({
          id: '5001:2',
          index: 1,
          name: 'Run yarn test',
          status: 'failed',
        }),
        expect.objectContaining({
          id: '5001:3',
          index: 2,
          name: 'Post checkout',
          status: 'skipped',
        }),
      ]);
      expect(run!.jobs[1].steps.map(s => s.status)).toEqual([
        'succeeded',
        'running',
        'pending',
      ]);
    });

    it('answers undefined for a missing run or one outside the picked workflows', async () => {
      await expect(
        provider.getRun({ entity: SHOP, source: SOURCE, externalId: '404' }),
      ).resolves.toBeUndefined();
      await expect(
        provider.getRun({
          entity: SHOP,
          source: SOURCE,
          externalId: 'not-a-number',
        }),
      ).resolves.toBeUndefined();
      const build = entity({
        'github.com/project-slug': 'acme/shop',
        'golive.dev/github-workflows': 'build.yml',
      });
      await expect(
        provider.getRun({ entity: build, source: SOURCE, externalId: '901' }),
      ).resolves.toBeUndefined();
      await expect(
        provider.getRun({ entity: build, source: SOURCE, externalId: '900' }),
      ).resolves.toMatchObject({ externalId: '900' });
    });
  });

  describe('readLog', () => {
    const LOG =
      '2026-12-01T09:20:16.1234567Z ##[group]Run yarn test\n' +
      '2026-12-01T09:20:17.0000000Z \u001b[32m✓\u001b[0m cart adds items\n' +
      '2026-12-01T09:20:18.0000000Z \u001b[31m✗\u001b[0m checkout totals\n';

    beforeEach(() => {
      repo.runs = [
        {
          id: 900,
          workflowId: BUILD.id,
          runNumber: 9,
          status: 'in_progress',
          conclusion: null,
        },
      ];
      repo.jobs = [
        {
          id: 5001,
          runId: 900,
          name: 'build',
          status: 'completed',
          conclusion: 'failure',
          log: LOG,
        },
        {
          id: 5002,
          runId: 900,
          name: 'e2e',
          status: 'in_progress',
          log: 'partial',
        },
      ];
    });

    it('reads a finished job log through the redirect GitHub answers', async () => {
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          jobId: '5001',
          offset: 0,
        }),
      ).resolves.toEqual({ text: LOG, nextOffset: LOG.length, more: false });
      expect(github.requests.map(r => r.path)).toEqual(
        expect.arrayContaining([
          '/repos/acme/shop/actions/jobs/5001/logs',
          '/_blobs/jobs/5001/logs',
        ]),
      );
      // The download address is on another origin: the token stays home.
      const download = github.requests.find(r => r.path.startsWith('/_blobs/'));
      expect(download!.headers.authorization).toBeUndefined();
    });

    it('reads from an offset', async () => {
      const offset = LOG.indexOf('2026-12-01T09:20:18');
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          jobId: '5001',
          offset,
        }),
      ).resolves.toEqual({
        text: LOG.slice(offset),
        nextOffset: LOG.length,
        more: false,
      });
    });

    it('gives empty text and more while the job runs', async () => {
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          jobId: '5002',
          offset: 0,
        }),
      ).resolves.toEqual({ text: '', nextOffset: 0, more: true });
      expect(github.requests.some(r => r.path.endsWith('/5002/logs'))).toBe(
        false,
      );
    });

    it('refuses jobs of other runs, unknown jobs and missing job ids', async () => {
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '901',
          jobId: '5001',
          offset: 0,
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          jobId: '6000',
          offset: 0,
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          offset: 0,
        }),
      ).rejects.toThrow(InputError);
      await expect(
        provider.readLog({
          entity: SHOP,
          source: SOURCE,
          externalId: '900',
          jobId: '5001',
          offset: -1,
        }),
      ).rejects.toThrow(InputError);
    });
  });

  describe('rerun', () => {
    beforeEach(() => {
      repo.runs = [
        { id: 900, workflowId: BUILD.id, runNumber: 9, conclusion: 'failure' },
        { id: 901, workflowId: BUILD.id, runNumber: 10, status: 'in_progress' },
      ];
    });

    it('asks GitHub to re-run a finished run', async () => {
      await provider.rerun({
        entity: SHOP,
        source: SOURCE,
        externalId: '900',
        actor: 'user:default/mona',
      });
      expect(github.reruns).toEqual([{ slug: 'acme/shop', runId: 900 }]);
    });

    it('reports a refusal as a conflict and a missing run as not found', async () => {
      await expect(
        provider.rerun({
          entity: SHOP,
          source: SOURCE,
          externalId: '901',
          actor: 'user:default/mona',
        }),
      ).rejects.toThrow(ConflictError);
      await expect(
        provider.rerun({
          entity: SHOP,
          source: SOURCE,
          externalId: '999',
          actor: 'user:default/mona',
        }),
      ).rejects.toThrow(NotFoundError);
      expect(github.reruns).toEqual([]);
    });
  });

  describe('trigger', () => {
    const deploy = entity({
      'github.com/project-slug': 'acme/shop',
      'golive.dev/github-workflows': 'deploy.yml',
    });

    it('reads the inputs of the one dispatchable workflow', async () => {
      await expect(
        provider.getInputs({ entity: deploy, source: SOURCE }),
      ).resolves.toEqual([
        {
          name: 'environment',
          type: 'choice',
          description: 'Where to deploy',
          required: true,
          options: ['staging', 'production'],
        },
        { name: 'dry-run', type: 'boolean', required: false, default: false },
        {
          name: 'version',
          type: 'string',
          description: 'Release to deploy',
          required: false,
          default: 'latest',
        },
      ]);
    });

    it('dispatches the workflow on the default branch', async () => {
      await provider.trigger({
        entity: deploy,
        source: SOURCE,
        inputs: { environment: 'staging', 'dry-run': true },
        actor: 'user:default/mona',
      });
      expect(github.dispatches).toEqual([
        {
          slug: 'acme/shop',
          workflowId: '12',
          body: {
            ref: 'main',
            inputs: {
              environment: 'staging',
              'dry-run': 'true',
              version: 'latest',
            },
          },
        },
      ]);
    });

    it('refuses bad inputs', async () => {
      for (const [inputs, message] of [
        [{}, "Input 'environment' is required"],
        [
          { environment: 'moon' },
          "Input 'environment' must be one of 'staging', 'production'",
        ],
        [
          { environment: 'staging', 'dry-run': 'maybe' },
          "Input 'dry-run' must be true or false",
        ],
        [
          { environment: 'staging', colour: 'red' },
          "Workflow has no input 'colour'",
        ],
      ] as const) {
        await expect(
          provider.trigger({
            entity: deploy,
            source: SOURCE,
            inputs,
            actor: 'user:default/mona',
          }),
        ).rejects.toThrow(new InputError(message));
      }
      expect(github.dispatches).toEqual([]);
    });

    it('refuses when the source has more or fewer than one dispatchable workflow', async () => {
      await expect(
        provider.trigger({
          entity: SHOP,
          source: SOURCE,
          inputs: {},
          actor: 'user:default/mona',
        }),
      ).rejects.toThrow(
        new ConflictError(
          "'acme/shop' has 2 workflows with a workflow_dispatch trigger; GoLive starts one only when there is exactly one (pick it with golive.dev/github-workflows)",
        ),
      );
      const web = entity({
        'github.com/project-slug': 'acme/shop',
        'golive.dev/github-workflows': 'web-*.yml',
      });
      await expect(
        provider.trigger({
          entity: web,
          source: SOURCE,
          inputs: {},
          actor: 'user:default/mona',
        }),
      ).rejects.toThrow(ConflictError);
      await expect(
        provider.getInputs({ entity: web, source: SOURCE }),
      ).resolves.toEqual([]);
      expect(github.dispatches).toEqual([]);
      // so the portal offers a start for the deploy workflow only
      expect(
        await Promise.all(
          [SHOP, web, deploy].map(e =>
            provider.canTrigger({ entity: e, source: SOURCE }),
          ),
        ),
      ).toEqual([false, false, true]);
    });
  });

  describe('when GitHub does not answer', () => {
    it('throws ServiceUnavailableError on 503', async () => {
      github.failWith = 503;
      for (const call of [
        () => provider.listRuns({ entity: SHOP, source: SOURCE, limit: 10 }),
        () =>
          provider.getRun({ entity: SHOP, source: SOURCE, externalId: '7001' }),
        () =>
          provider.readLog({
            entity: SHOP,
            source: SOURCE,
            externalId: '7001',
            jobId: '1',
            offset: 0,
          }),
        () =>
          provider.rerun({
            entity: SHOP,
            source: SOURCE,
            externalId: '7001',
            actor: 'u',
          }),
      ]) {
        await expect(call()).rejects.toThrow(
          new ServiceUnavailableError('GitHub is not answering (status 503)'),
        );
      }
    });

    it('throws ServiceUnavailableError when the server is gone', async () => {
      await github.close();
      const error = await provider
        .listRuns({ entity: SHOP, source: SOURCE, limit: 10 })
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(/^GitHub is not answering \(/);
    });

    it('throws ServiceUnavailableError when GitHub takes too long', async () => {
      const clients = GithubClientFactory.fromConfig(
        githubConfig(github.baseUrl),
        {
          timeoutMs: 200,
        },
      );
      const impatient = GithubActionsProvider.create({ clients });
      github.delayMs = 2000;
      const started = Date.now();
      const error = await impatient
        .listRuns({ entity: SHOP, source: SOURCE, limit: 10 })
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(/^GitHub is not answering \(/);
      expect(Date.now() - started).toBeLessThan(1500);
    });
  });
});
