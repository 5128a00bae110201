import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { LocalArtifactStore } from '@golive/platform-node';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitRepo } from '../__testUtils__/createTestBackend';
import { DatabaseRunStore } from '../database/DatabaseRunStore';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  FAULT_ENTITY_REF,
  startPipelinesCore,
} from '../service/__fixtures__/startPipelinesCore';
import { pruneDeliveries, pruneRuns } from './pruneRuns';

jest.setTimeout(60_000);

const REDIS_URL =
  process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING ??
  'redis://127.0.0.1:6379';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe('retention', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  let knex: Knex;
  let core: Awaited<ReturnType<typeof startPipelinesCore>>;
  let artifacts: LocalArtifactStore;
  let queuePrefix: string;

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    queuePrefix = `golive-retention-${randomUUID()}`;
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pipelines-retention-'));
    core = await startPipelinesCore({
      knex,
      redisUrl: REDIS_URL,
      queuePrefix,
      dataDirectory,
      repositoryUrl: createGitRepo({
        '.golive/pipeline.yaml': `name: keep
jobs:
  build:
    steps:
      - run: echo built > out.txt && echo line one && echo line two
    artifacts: [out.txt]
`,
      }),
    });
    artifacts = await LocalArtifactStore.create({
      directory: join(dataDirectory, 'artifacts'),
    });
    await core.startWorker();
  });

  afterAll(async () => {
    await core.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const runToEnd = async () => {
    const run = await core.planner.createRun({
      entityRef: FAULT_ENTITY_REF,
      trigger: 'manual',
      actor: 'user:default/tester',
      credentials: mockCredentials.user(),
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const current = await core.runs.getRun(run.id);
      if (current?.status === 'succeeded') return current;
      if (Date.now() > deadline) throw new Error(`Run ${run.id} did not end`);
      await new Promise(r => setTimeout(r, 100));
    }
  };

  const backdate = (runId: string, days: number) =>
    knex('pipelines_runs')
      .where({ id: runId })
      .update({
        created_at: daysAgo(days).toISOString(),
        finished_at: daysAgo(days).toISOString(),
      });

  const count = async (table: string, column: string, values: string[]) =>
    Number((await knex(table).whereIn(column, values).count({ n: '*' }))[0].n);

  it('removes ended runs past the period with everything kept for them', async () => {
    const [stuck, old1, old2, newest] = [
      await runToEnd(),
      await runToEnd(),
      await runToEnd(),
      await runToEnd(),
    ];
    for (const run of [stuck, old1, old2]) await backdate(run.id, 100);
    await backdate(newest.id, 100);
    // a run that never ended is kept however old
    await knex('pipelines_runs')
      .where({ id: stuck.id })
      .update({ status: 'running', finished_at: null });

    const old = [old1.id, old2.id];
    const oldJobs = (
      await knex('pipelines_jobs').whereIn('run_id', old).select('id')
    ).map(row => row.id);
    const oldFiles = (
      await knex('pipelines_artifacts')
        .whereIn('run_id', old)
        .select('storage_name')
    ).map(row => row.storage_name);
    expect(oldJobs).toHaveLength(2);
    expect(oldFiles).toHaveLength(2);
    expect(
      await count('pipelines_log_lines', 'job_id', oldJobs),
    ).toBeGreaterThan(0);
    await knex('pipelines_commit_statuses').insert({
      id: randomUUID(),
      run_id: old1.id,
      provider: 'github',
      state: 'success',
      rank: 3,
      status: 'delivered',
      repository_url: 'https://github.com/acme/shop',
      sha: 'a'.repeat(40),
      context: 'golive/shop',
      description: 'Run #2 succeeded',
      target_url: 'http://localhost:3000/pipelines/runs/x',
      attempts: 1,
      next_attempt_at: daysAgo(100).toISOString(),
      created_at: daysAgo(100).toISOString(),
    });

    const result = await pruneRuns({
      db: knex,
      artifacts,
      logger: mockServices.logger.mock(),
      before: daysAgo(90),
      batchSize: 1,
    });

    expect(result).toEqual({ runs: 2, artifacts: 2 });
    const left = await knex('pipelines_runs').select('id');
    expect(left.map(row => row.id).sort()).toEqual(
      [stuck.id, newest.id].sort(),
    );
    for (const table of ['pipelines_log_lines', 'pipelines_logs']) {
      expect(await count(table, 'job_id', oldJobs)).toBe(0);
    }
    expect(await count('pipelines_steps', 'job_id', oldJobs)).toBe(0);
    expect(await count('pipelines_jobs', 'run_id', old)).toBe(0);
    expect(await count('pipelines_artifacts', 'run_id', old)).toBe(0);
    expect(await count('pipelines_commit_statuses', 'run_id', old)).toBe(0);
    for (const name of oldFiles) {
      expect(await artifacts.exists(name)).toBe(false);
    }

    // what is kept is whole: its log and artifact are still there
    const [kept] = await core.jobs.listJobs(newest.id);
    expect(
      await count('pipelines_log_lines', 'job_id', [kept.id]),
    ).toBeGreaterThan(0);
    const keptFiles = await knex('pipelines_artifacts')
      .where({ run_id: newest.id })
      .select('storage_name');
    expect(await artifacts.exists(keptFiles[0].storage_name)).toBe(true);

    // numbering goes on from the newest run, which was kept
    const next = await runToEnd();
    expect(next.number).toBe(newest.number + 1);
  });

  it('forgets processed deliveries after the window', async () => {
    const inbox = (id: string, status: string, processedAt: Date | null) => ({
      id,
      provider: 'github',
      delivery_id: id,
      event: 'push',
      events: '[]',
      status,
      attempts: 1,
      started: '[]',
      created_at: daysAgo(40).toISOString(),
      processed_at: processedAt?.toISOString() ?? null,
    });
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await knex('pipelines_webhook_inbox').insert([
      inbox(ids[0], 'done', daysAgo(40)),
      inbox(ids[1], 'abandoned', daysAgo(40)),
      inbox(ids[2], 'done', daysAgo(1)),
      inbox(ids[3], 'failed', null),
    ]);

    expect(await pruneDeliveries({ db: knex, before: daysAgo(30) })).toBe(2);
    const left = await knex('pipelines_webhook_inbox')
      .whereIn('id', ids)
      .select('id');
    expect(left.map(row => row.id).sort()).toEqual([ids[2], ids[3]].sort());
  });

  describe('on every supported database', () => {
    const both = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

    it.each(both.eachSupportedId())(
      'keeps the newest run of each entity and provider, on %p',
      async databaseId => {
        const client = await both.init(databaseId);
        const db = await migrateDatabase({
          getClient: async () => client,
        } as any);
        const runs = DatabaseRunStore.create({ db });
        const create = (entityRef: string) =>
          runs.createRun({
            entityRef,
            pipelineName: 'p',
            pipelinePath: 'p',
            repositoryUrl: '/tmp/x',
            trigger: 'manual',
            actor: 'user:default/me',
            ref: 'main',
            sha: 'abc1234',
            inputs: {},
            snapshot: '',
            env: {},
            jobs: [],
          });
        await create('component:default/a'); // the older run of a: removed
        const a2 = await create('component:default/a');
        const b1 = await create('component:default/b');
        await db('pipelines_runs').update({
          status: 'failed',
          created_at: daysAgo(10).toISOString(),
          finished_at: daysAgo(10).toISOString(),
        });

        expect(
          await pruneRuns({
            db,
            artifacts,
            logger: mockServices.logger.mock(),
            before: daysAgo(5),
          }),
        ).toEqual({ runs: 1, artifacts: 0 });
        const left = await db('pipelines_runs').select('id');
        expect(left.map(row => row.id).sort()).toEqual([a2.id, b1.id].sort());
      },
    );
  });
});
