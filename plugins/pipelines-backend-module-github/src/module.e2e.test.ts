import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The end-to-end test needs the real plugin this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import pipelinesPlugin from '@golive/plugin-pipelines-backend';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { pipelinesModuleGithub } from './module';
import { TOKEN, shopRepository } from './__testUtils__/shopRepository';
import { FakeGithub, startFakeGithub } from './__testUtils__/startFakeGithub';

jest.setTimeout(60_000);

const SECRET = 'e2e-webhook-secret';
const ENTITY_REF = 'component:default/shop';

const PIPELINE = `name: shop
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
jobs:
  build:
    steps:
      - name: Greet
        run: echo hello from the push
`;

/** A git repository in a temp folder holding the pipeline, committed. */
function createGitRepo(): { dir: string; sha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'github-module-repo-'));
  mkdirSync(join(dir, '.golive'));
  writeFileSync(join(dir, '.golive', 'pipeline.yaml'), PIPELINE);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Mona Octocat',
    GIT_AUTHOR_EMAIL: 'octocat@github.com',
    GIT_COMMITTER_NAME: 'Mona Octocat',
    GIT_COMMITTER_EMAIL: 'octocat@github.com',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' })
      .toString()
      .trim();
  git('init', '-q', '--initial-branch=main');
  git('add', '.');
  git('commit', '-q', '-m', 'Add the pipeline');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

describe('GitHub module in the pipelines backend', () => {
  let github: FakeGithub;

  beforeEach(async () => {
    github = await startFakeGithub({
      token: TOKEN,
      repos: { 'acme/shop': shopRepository() },
    });
  });

  afterEach(() => github.close());

  const startBackend = (repositoryUrl: string) =>
    startTestBackend({
      features: [
        pipelinesPlugin,
        pipelinesModuleGithub,
        mockServices.rootConfig.factory({
          data: {
            golive: {
              dataDirectory: mkdtempSync(join(tmpdir(), 'golive-data-')),
            },
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: github.baseUrl,
                  token: TOKEN,
                },
              ],
            },
            pipelines: {
              reconciler: { intervalSeconds: 3600 },
              github: { webhookSecret: SECRET },
            },
          },
        }),
        mockServices.permissions.factory(),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'shop',
                namespace: 'default',
                annotations: {
                  'github.com/project-slug': 'acme/shop',
                  'golive.dev/repository-url': repositoryUrl,
                },
              },
              spec: {
                type: 'service',
                owner: 'team-shop',
                lifecycle: 'production',
              },
            },
          ],
        }),
      ],
    });

  /** Polls `GET /runs` of the entity until `pick` finds something. */
  const waitForRuns = async (
    server: any,
    pick: (body: any) => boolean,
  ): Promise<any> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await request(server)
        .get(`/api/pipelines/runs?entityRef=${ENTITY_REF}`)
        .set('authorization', mockCredentials.user.header());
      if (pick(res.body)) return res.body;
      if (Date.now() > deadline) {
        throw new Error(`Runs not there in time: ${JSON.stringify(res.body)}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  };

  it('starts a run for a signed push delivery and refuses a forged one', async () => {
    const repo = createGitRepo();
    const backend = await startBackend(repo.dir);

    const payload = JSON.parse(
      readFileSync(join(__dirname, '__fixtures__', 'push.json'), 'utf8'),
    );
    payload.after = repo.sha;
    payload.head_commit.id = repo.sha;
    const body = JSON.stringify(payload);
    const deliver = (signature: string, id: string) =>
      request(backend.server)
        .post('/api/pipelines/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'push')
        .set('x-github-delivery', id)
        .set('x-hub-signature-256', signature)
        .send(body);
    const forged = await deliver(`sha256=${'0'.repeat(64)}`, 'forged-1');
    expect(forged.status).toBe(401);

    const signature = `sha256=${createHmac('sha256', SECRET)
      .update(body)
      .digest('hex')}`;
    const accepted = await deliver(
      signature,
      'b7c1f2e0-cc78-11e3-81ab-4c9367dc0958',
    );
    expect(accepted.status).toBe(202);

    const body1 = await waitForRuns(backend.server, b =>
      (b.items ?? []).some((r: any) => !r.provider),
    );
    const own = body1.items.filter((r: any) => !r.provider);
    expect(own).toEqual([
      expect.objectContaining({
        entityRef: ENTITY_REF,
        pipelineName: 'shop',
        trigger: 'push',
        actor: 'octocat',
        ref: 'main',
        sha: repo.sha,
      }),
    ]);

    const redelivery = await deliver(
      signature,
      'b7c1f2e0-cc78-11e3-81ab-4c9367dc0958',
    );
    expect(redelivery.status).toBe(202);
    expect(redelivery.body).toMatchObject({ duplicate: true });

    await backend.stop();
  });

  it('shows GitHub Actions runs with their jobs and logs next to own runs', async () => {
    const shop = github.repos.get('acme/shop')!;
    shop.workflows = [
      { id: 11, name: 'Build', path: '.github/workflows/build.yml' },
    ];
    shop.runs = [
      {
        id: 900,
        workflowId: 11,
        runNumber: 9,
        conclusion: 'failure',
        createdAt: '2026-12-01T10:00:00Z',
      },
      {
        id: 899,
        workflowId: 11,
        runNumber: 8,
        createdAt: '2026-12-01T09:00:00Z',
      },
    ];
    shop.jobs = [
      {
        id: 5001,
        runId: 900,
        name: 'build',
        conclusion: 'failure',
        steps: [
          { name: 'Set up job' },
          { name: 'Run yarn test', conclusion: 'failure' },
        ],
        log: '2026-12-01T09:20:16.0000000Z yarn test\n2026-12-01T09:20:18.0000000Z 1 failing\n',
      },
    ];
    const backend = await startBackend(createGitRepo().dir);
    const auth = mockCredentials.user.header();

    const list = await waitForRuns(
      backend.server,
      b => (b.items ?? []).filter((r: any) => r.provider).length === 2,
    );
    const external = list.items.filter((r: any) => r.provider);
    expect(external).toEqual([
      expect.objectContaining({
        provider: 'github-actions',
        providerTitle: 'GitHub Actions',
        number: 9,
        status: 'failed',
        url: 'https://github.com/acme/shop/actions/runs/900',
      }),
      expect.objectContaining({ number: 8, status: 'succeeded' }),
    ]);

    const detail = await request(backend.server)
      .get(`/api/pipelines/runs/${external[0].id}`)
      .set('authorization', auth);
    expect(detail.status).toBe(200);
    expect(detail.body.jobs).toEqual([
      expect.objectContaining({
        name: 'build',
        status: 'failed',
        steps: [
          expect.objectContaining({ name: 'Set up job', status: 'succeeded' }),
          expect.objectContaining({ name: 'Run yarn test', status: 'failed' }),
        ],
      }),
    ]);

    const logs = await request(backend.server)
      .get(
        `/api/pipelines/runs/${external[0].id}/jobs/${detail.body.jobs[0].id}/logs`,
      )
      .set('authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body.lines.map((l: any) => l.text).join('')).toContain(
      '1 failing',
    );

    await backend.stop();
  });

  it('tells that GitHub is not answering instead of showing no runs', async () => {
    github.failWith = 503;
    const backend = await startBackend(createGitRepo().dir);
    const body = await waitForRuns(backend.server, b =>
      (b.providers ?? []).some((p: any) => p.state === 'unavailable'),
    );
    expect(body.providers).toEqual([
      expect.objectContaining({
        provider: 'github-actions',
        state: 'unavailable',
        message: 'GitHub is not answering (status 503)',
      }),
    ]);
    await backend.stop();
  });

  it('reads the pipeline through the GitHub API and posts commit statuses', async () => {
    // The job's checkout of https://github.com/acme/shop goes to a local
    // copy through git's own URL rewriting; the pipeline file itself is
    // read from the local GitHub server.
    const repo = createGitRepo();
    const gitconfig = join(mkdtempSync(join(tmpdir(), 'gitconfig-')), 'config');
    writeFileSync(
      gitconfig,
      `[url "${repo.dir}"]\n\tinsteadOf = https://github.com/acme/shop\n`,
    );
    const previous = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = gitconfig;

    const shop = github.repos.get('acme/shop')!;
    shop.refs.main = repo.sha;
    shop.files[repo.sha] = { '.golive/pipeline.yaml': PIPELINE };
    const backend = await startBackend('https://github.com/acme/shop');
    try {
      const payload = JSON.parse(
        readFileSync(join(__dirname, '__fixtures__', 'push.json'), 'utf8'),
      );
      payload.after = repo.sha;
      const body = JSON.stringify(payload);
      const accepted = await request(backend.server)
        .post('/api/pipelines/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'push')
        .set('x-github-delivery', 'c0ffee00-cc78-11e3-81ab-4c9367dc0958')
        .set(
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        )
        .send(body);
      expect(accepted.status).toBe(202);

      const list = await waitForRuns(backend.server, b =>
        (b.items ?? []).some(
          (r: any) => !r.provider && r.status === 'succeeded',
        ),
      );
      const run = list.items.find((r: any) => !r.provider);
      expect(run).toMatchObject({ sha: repo.sha, trigger: 'push' });
      expect(
        github.requests.some(
          r =>
            decodeURIComponent(r.path) ===
              '/repos/acme/shop/contents/.golive/pipeline.yaml' &&
            r.query.get('ref') === repo.sha,
        ),
      ).toBe(true);

      const deadline = Date.now() + 30_000;
      while (
        !github.statuses.some(s => s.body.state === 'success') &&
        Date.now() < deadline
      ) {
        await new Promise(r => setTimeout(r, 250));
      }
      const states = github.statuses.map(s => s.body.state);
      expect(states[states.length - 1]).toBe('success');
      expect(new Set(github.statuses.map(s => s.sha))).toEqual(
        new Set([repo.sha]),
      );
      expect(github.statuses[0].body.target_url).toContain(run.id);
    } finally {
      await backend.stop();
      if (previous === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = previous;
    }
  });

  it('starts a pull request run for a pull request from a fork', async () => {
    const repo = createGitRepo();
    const backend = await startBackend(repo.dir);
    const payload = JSON.parse(
      readFileSync(
        join(__dirname, '__fixtures__', 'pull_request-fork.json'),
        'utf8',
      ),
    );
    payload.pull_request.head.sha = repo.sha;
    const body = JSON.stringify(payload);
    const accepted = await request(backend.server)
      .post('/api/pipelines/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'pull_request')
      .set('x-github-delivery', 'f00dfeed-cc78-11e3-81ab-4c9367dc0958')
      .set(
        'x-hub-signature-256',
        `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      )
      .send(body);
    expect(accepted.status).toBe(202);

    const list = await waitForRuns(backend.server, b =>
      (b.items ?? []).some((r: any) => !r.provider),
    );
    expect(list.items.filter((r: any) => !r.provider)).toEqual([
      expect.objectContaining({
        trigger: 'pull_request',
        actor: 'mallory',
        sha: repo.sha,
      }),
    ]);
    await backend.stop();
  });
});
