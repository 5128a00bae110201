import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from './migrateDatabase';
import { DatabaseJobStore } from './DatabaseJobStore';
import { DatabaseRunStore } from './DatabaseRunStore';

const definition = {
  steps: [
    { name: 's', run: 'true', shell: 'bash', env: {}, continueOnError: false },
  ],
  timeoutMinutes: 10,
  retries: 0,
  artifacts: [],
  reports: { junit: [], playwright: [] },
  env: {},
  secrets: [],
};

describe('DatabaseJobStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps a stale attempt from overwriting a newer one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await migrateDatabase({ getClient: async () => knex } as any);
      const runs = DatabaseRunStore.create({ db });
      const jobs = DatabaseJobStore.create({ db });
      const run = await runs.createRun({
        entityRef: 'component:default/a',
        pipelineName: 'p',
        pipelinePath: '.golive/pipeline.yaml',
        repositoryUrl: '/tmp/x',
        trigger: 'manual',
        actor: 'user:default/me',
        ref: 'main',
        sha: 'abc1234',
        inputs: {},
        snapshot: 'name: p',
        env: {},
        jobs: [
          {
            key: 'a',
            name: 'a',
            needs: [],
            approvalRequired: false,
            definition,
          },
        ],
      });
      const [job] = await jobs.listJobs(run.id);
      expect(await jobs.transition(job.id, ['pending'], 'queued')).toBe(true);
      expect(await jobs.claim(job.id, 1)).toBe(true);
      expect(await jobs.claim(job.id, 1)).toBe(false);

      // the worker of attempt 1 is presumed dead: attempt 2 takes over
      expect(
        await jobs.newAttempt(job.id, { attempt: 1, from: ['running'] }),
      ).toBe(2);
      expect(await jobs.claim(job.id, 2)).toBe(true);

      expect(
        await jobs.updateStep(job.id, 1, 0, { status: 'failed', exitCode: 1 }),
      ).toBe(false);
      expect(
        await jobs.transition(job.id, ['running'], 'failed', { attempt: 1 }),
      ).toBe(false);
      expect(
        await jobs.transition(job.id, ['running'], 'succeeded', { attempt: 2 }),
      ).toBe(true);
      expect((await jobs.getJob(job.id))!.status).toBe('succeeded');
    },
  );

  it.each(databases.eachSupportedId())(
    'pages runs newest first by cursor, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await migrateDatabase({ getClient: async () => knex } as any);
      const runs = DatabaseRunStore.create({ db });
      for (let i = 0; i < 5; i++) {
        await new Promise(r => setTimeout(r, 3));
        await runs.createRun({
          entityRef: 'component:default/a',
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
      }
      const first = await runs.listRuns({ limit: 2 });
      expect(first.totalCount).toBe(5);
      expect(first.items.map(r => r.number)).toEqual([5, 4]);
      const second = await runs.listRuns({
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map(r => r.number)).toEqual([3, 2]);
      const third = await runs.listRuns({
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(third.items.map(r => r.number)).toEqual([1]);
      expect(third.nextCursor).toBeUndefined();
      expect(first.totalCountCapped).toBeUndefined();

      const capped = DatabaseRunStore.create({ db, countCap: 3 });
      const page = await capped.listRuns({ limit: 2 });
      expect(page.totalCount).toBe(3);
      expect(page.totalCountCapped).toBe(true);
      expect(page.items.map(r => r.number)).toEqual([5, 4]);
      const filtered = await capped.listRuns({
        entityRef: 'component:default/a',
        cursor: page.nextCursor,
      });
      expect(filtered.items.map(r => r.number)).toEqual([3, 2, 1]);
      expect(filtered.totalCount).toBe(3);
      expect(filtered.totalCountCapped).toBe(true);
      const none = await capped.listRuns({ entityRef: 'component:default/b' });
      expect(none).toEqual({ items: [], totalCount: 0 });
    },
  );
});
