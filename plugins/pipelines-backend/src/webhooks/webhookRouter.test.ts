import { TestDatabases } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';
import { capturingScheduler } from '../__testUtils__/capturingScheduler';
import {
  sign,
  testScmModule,
  testWebhookProvider,
} from './__testUtils__/testScmModule';

jest.setTimeout(60_000);

const SECRET = "It's a Secret to Everybody";

const pipeline = `name: shop
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
jobs:
  build:
    secrets: [DEPLOY_TOKEN]
    steps:
      - name: Show
        run: echo "token=[$DEPLOY_TOKEN]"
`;

const count = async (knex: any, table: string, where: object = {}) => {
  const [{ n }] = await knex(table).where(where).count({ n: '*' });
  return Number(n);
};

describe('POST /webhooks/:provider', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async () => {
      const repository = { url: '', sha: '' };
      const scheduler = capturingScheduler();
      const backend = await createTestBackend({
        databases,
        databaseId,
        pipeline,
        services: [scheduler.factory],
        features: [
          testScmModule({
            webhooks: [
              testWebhookProvider('test', SECRET),
              testWebhookProvider('unconfigured', undefined),
            ],
            // a host that names commits by a prefix, as Bitbucket does for
            // pull requests, and expands them through its API
            scm: [
              {
                id: 'test',
                supports: url => url === repository.url,
                resolveRef: async ({ ref }) => {
                  const sha = repository.sha;
                  if (ref && sha.startsWith(ref)) return { sha, ref };
                  throw new Error(`unexpected ref ${ref}`);
                },
                setCommitStatus: async () => {},
              },
            ],
          }),
        ],
      });
      const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: backend.repo,
      })
        .toString()
        .trim();
      Object.assign(repository, { url: backend.repo, sha });
      const deliver = (
        event: string,
        payload: object,
        options: { id?: string; signature?: string; provider?: string } = {},
      ) => {
        const body = JSON.stringify(payload);
        const req = request(backend.server)
          .post(`/api/pipelines/webhooks/${options.provider ?? 'test'}`)
          .set('content-type', 'application/json')
          .set('x-test-event', event)
          .set('x-test-signature', options.signature ?? sign(SECRET, body));
        if (options.id !== '') req.set('x-test-delivery', options.id ?? 'd-1');
        return req.send(body);
      };
      const push = (ref: string, extra: object = {}) => ({
        ref,
        after: sha,
        pusher: 'octocat',
        repository: { slug: 'acme/shop', url: backend.repo },
        ...extra,
      });
      const pullRequest = (fork: boolean) => ({
        action: 'opened',
        number: 7,
        head: { sha, ref: 'feature', fork },
        base: { ref: 'main' },
        sender: 'contributor',
        repository: { slug: 'acme/shop', url: backend.repo },
      });
      const runs = async () =>
        (await backend.api.get(`/runs?entityRef=${ENTITY_REF}`)).body.items;
      const waitForRuns = async (n: number) => {
        const deadline = Date.now() + 15000;
        for (;;) {
          const items = await runs();
          if (items.length >= n) return items;
          if (Date.now() > deadline) {
            throw new Error(`Expected ${n} runs, got ${items.length}`);
          }
          await new Promise(r => setTimeout(r, 100));
        }
      };
      const waitForInbox = async (status: string) => {
        const deadline = Date.now() + 15000;
        while (
          (await count(backend.knex, 'pipelines_webhook_inbox', { status })) ===
          0
        ) {
          if (Date.now() > deadline) throw new Error(`No ${status} entry`);
          await new Promise(r => setTimeout(r, 100));
        }
      };
      return {
        ...backend,
        scheduler,
        sha,
        deliver,
        push,
        pullRequest,
        runs,
        waitForRuns,
        waitForInbox,
      };
    };

    it('starts a push run for a matching branch and answers 202', async () => {
      const t = await setup();
      const res = await t.deliver('push', t.push('refs/heads/main'));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ deliveryId: 'd-1', duplicate: false });

      const [run] = await t.waitForRuns(1);
      expect(run).toMatchObject({
        trigger: 'push',
        actor: 'octocat',
        ref: 'main',
        sha: t.sha,
      });
      const done = await t.waitForRun(run.id, r => r.status === 'succeeded');
      expect(done.status).toBe('succeeded');
    });

    it('starts exactly one run for ten concurrent identical deliveries', async () => {
      const t = await setup();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.deliver('push', t.push('refs/heads/main'), { id: 'same' }),
        ),
      );
      expect(answers.map(a => a.status)).toEqual(Array(10).fill(202));
      expect(answers.filter(a => !a.body.duplicate)).toHaveLength(1);

      await t.waitForRuns(1);
      await t.waitForInbox('done');
      await t.scheduler.run('pipelines-webhook-inbox');
      const again = await t.deliver('push', t.push('refs/heads/main'), {
        id: 'same',
      });
      expect(again.body.duplicate).toBe(true);
      expect(await t.runs()).toHaveLength(1);
      expect(await count(t.knex, 'pipelines_webhook_inbox')).toBe(1);
    });

    it('starts nothing for a deleted branch or a branch without a trigger', async () => {
      const t = await setup();
      await t.deliver('push', t.push('refs/heads/main', { deleted: true }), {
        id: 'deleted',
      });
      await t.deliver('push', t.push('refs/heads/feature'), { id: 'other' });
      await t.waitForInbox('done');
      const deadline = Date.now() + 10000;
      while (
        (await count(t.knex, 'pipelines_webhook_inbox', { status: 'done' })) < 2
      ) {
        if (Date.now() > deadline) throw new Error('Deliveries not processed');
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await t.runs()).toHaveLength(0);
    });

    it('ignores unknown events with 202 and stores them as done', async () => {
      const t = await setup();
      const res = await t.deliver('star', { repository: {} }, { id: 's-1' });
      expect(res.status).toBe(202);
      expect(
        await count(t.knex, 'pipelines_webhook_inbox', { status: 'done' }),
      ).toBe(1);
    });

    it('refuses bad deliveries with clear errors and stores nothing', async () => {
      const t = await setup();
      const body = t.push('refs/heads/main');
      const signature = sign(SECRET, JSON.stringify(body));
      const cases: Array<[number, any, RegExp]> = [
        [
          404,
          t.deliver('push', body, { provider: 'nope' }),
          /No webhook provider "nope"/,
        ],
        [
          401,
          t.deliver('push', body, { provider: 'unconfigured' }),
          /no secret is configured/,
        ],
        [
          401,
          t.deliver('push', body, { signature: 'sha256=00' }),
          /missing or wrong/,
        ],
        [
          401,
          t.deliver('push', body, { signature: signature.slice(0, -1) }),
          /missing or wrong/,
        ],
        [401, t.deliver('push', body, { signature: '' }), /missing or wrong/],
        [
          401,
          t.deliver('push', body, {
            signature: sign('other', JSON.stringify(body)),
          }),
          /missing or wrong/,
        ],
        [400, t.deliver('push', body, { id: '' }), /no delivery id/],
      ];
      for (const [status, pending, message] of cases) {
        const res = await pending;
        expect(res.status).toBe(status);
        expect(res.body.error.message).toMatch(message);
      }

      const broken = '{"ref": ';
      const malformed = await request(t.server)
        .post('/api/pipelines/webhooks/test')
        .set('content-type', 'application/json')
        .set('x-test-event', 'push')
        .set('x-test-delivery', 'm-1')
        .set('x-test-signature', sign(SECRET, broken))
        .send(broken);
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/not JSON/);

      const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 32);
      const tooLarge = await request(t.server)
        .post('/api/pipelines/webhooks/test')
        .set('content-type', 'application/json')
        .set('x-test-event', 'push')
        .set('x-test-delivery', 'h-1')
        .set('x-test-signature', sign(SECRET, huge))
        .send(huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.message).toMatch(/larger than/);

      expect(await count(t.knex, 'pipelines_webhook_inbox')).toBe(0);
      expect(await count(t.knex, 'pipelines_runs')).toBe(0);
    });

    it('runs a pull request from a fork without its secrets', async () => {
      const t = await setup();
      await t.api.put('/secrets/DEPLOY_TOKEN', {
        value: 'hunter2-secret',
        entityRef: ENTITY_REF,
      });
      await t.deliver('pull_request', t.pullRequest(true), { id: 'pr-fork' });
      await t.deliver('pull_request', t.pullRequest(false), { id: 'pr-own' });
      const items = await t.waitForRuns(2);
      expect(items.map((r: any) => r.trigger)).toEqual([
        'pull_request',
        'pull_request',
      ]);
      const forks = await t.knex('pipelines_runs').select('id', 'from_fork');
      const forkRun = forks.find((r: any) => Boolean(r.from_fork));
      const ownRun = forks.find((r: any) => !r.from_fork);
      expect(forkRun && ownRun).toBeTruthy();

      const fork = await t.waitForRun(
        forkRun.id,
        r => r.status === 'succeeded',
      );
      const own = await t.waitForRun(ownRun.id, r => r.status === 'succeeded');
      const forkLog = await t.logText(fork.id, fork.jobs[0].id);
      expect(forkLog).toContain('token=[]');
      expect(forkLog).toContain('Secrets withheld');
      // the secret reaches the run from the repository itself (masked in logs)
      expect(await t.logText(own.id, own.jobs[0].id)).not.toContain('token=[]');
    });

    it('expands a short commit id of a pull request through the host', async () => {
      const t = await setup();
      const body = t.pullRequest(false);
      body.head.sha = t.sha.slice(0, 12);
      await t.deliver('pull_request', body, { id: 'pr-short' });
      const [run] = await t.waitForRuns(1);
      expect(run).toMatchObject({ ref: 'feature', sha: t.sha });
      const done = await t.waitForRun(run.id, r => r.status === 'succeeded');
      expect(done.status).toBe('succeeded');
    });

    it('processes an entry stored before a crash from the scheduler task', async () => {
      const t = await setup();
      const now = new Date().toISOString();
      await t.knex('pipelines_webhook_inbox').insert({
        id: '00000000-0000-4000-8000-000000000001',
        provider: 'test',
        delivery_id: 'before-crash',
        event: 'push',
        events: JSON.stringify([
          {
            type: 'push',
            repository: {
              provider: 'test',
              host: 'git.test',
              slug: 'acme/shop',
              url: t.repo,
              cloneUrl: t.repo,
            },
            ref: 'refs/heads/main',
            sha: t.sha,
            deleted: false,
            actor: 'octocat',
          },
        ]),
        status: 'processing',
        attempts: 1,
        started: '[]',
        created_at: now,
        // claimed by a replica that died long ago
        claimed_at: '2000-01-01T00:00:00.000Z',
      });
      await t.scheduler.run('pipelines-webhook-inbox');
      const [run] = await t.waitForRuns(1);
      expect(run.trigger).toBe('push');
      expect(
        await count(t.knex, 'pipelines_webhook_inbox', { status: 'done' }),
      ).toBe(1);
    });
  });
});
