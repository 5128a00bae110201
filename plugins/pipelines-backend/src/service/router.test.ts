import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { execFileSync } from 'node:child_process';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';

jest.setTimeout(60_000);

const finished = (run: any) =>
  ['succeeded', 'failed', 'cancelled'].includes(run.status);

const simplePipeline = `name: shop
on:
  manual: {}
jobs:
  build:
    steps:
      - name: Compile
        run: echo compiled && mkdir -p out && echo bin > out/app.bin
    artifacts: [out/**]
  test:
    needs: [build]
    steps:
      - name: Unit
        run: mkdir -p reports && echo '<testsuites/>' > reports/junit.xml && echo tested
    reports:
      junit: [reports/junit.xml]
`;

describe('pipelines router', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = (
      pipeline: string,
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    ) => createTestBackend({ databases, databaseId, pipeline, permission });

    it('runs a pipeline to success with logs and artifacts', async () => {
      const { api, waitForRun, logText } = await setup(simplePipeline);

      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      expect(created.status).toBe(201);
      expect(created.body.jobs.map((j: any) => j.key)).toEqual([
        'build',
        'test',
      ]);

      const run = await waitForRun(created.body.id, finished);
      expect(run.status).toBe('succeeded');
      expect(run.number).toBe(1);
      for (const job of run.jobs) {
        expect(job.status).toBe('succeeded');
        expect(job.steps.map((s: any) => [s.status, s.exitCode])).toEqual([
          ['succeeded', 0],
        ]);
      }
      expect(await logText(run.id, run.jobs[0].id)).toContain('compiled');
      expect(await logText(run.id, run.jobs[1].id)).toContain('tested');

      const artifacts = await api.get(`/runs/${run.id}/artifacts`);
      expect(
        artifacts.body.items.map((a: any) => [a.path, a.kind]).sort(),
      ).toEqual([
        ['out/app.bin', 'artifact'],
        ['reports/junit.xml', 'report'],
      ]);
      const file = await api.get(
        `/runs/${run.id}/artifacts/${artifacts.body.items[0].id}`,
      );
      expect(file.status).toBe(200);

      const list = await api.get(
        `/runs?entityRef=${ENTITY_REF}&status=succeeded`,
      );
      expect(list.body.totalCount).toBe(1);
    });

    it('tells a tag from a branch when a run is started by name', async () => {
      const { api, waitForRun, repo } = await setup(`name: shop
on:
  manual: {}
jobs:
  release:
    if: git.tag == 'v1.0'
    steps:
      - run: echo release
  nightly:
    if: git.branch == 'main'
    steps:
      - run: echo nightly
`);
      execFileSync('git', ['tag', 'v1.0'], { cwd: repo, stdio: 'pipe' });

      const byTag = await api.post('/runs', {
        entityRef: ENTITY_REF,
        ref: 'v1.0',
      });
      expect(byTag.status).toBe(201);
      expect(byTag.body.ref).toBe('refs/tags/v1.0');
      const tagged = await waitForRun(byTag.body.id, finished);
      expect(tagged.jobs.map((j: any) => [j.key, j.status])).toEqual([
        ['release', 'succeeded'],
        ['nightly', 'skipped'],
      ]);

      const byBranch = await api.post('/runs', {
        entityRef: ENTITY_REF,
        ref: 'main',
      });
      expect(byBranch.body.ref).toBe('main');
      const branch = await waitForRun(byBranch.body.id, finished);
      expect(branch.jobs.map((j: any) => [j.key, j.status])).toEqual([
        ['release', 'skipped'],
        ['nightly', 'succeeded'],
      ]);

      // the filter finds a ref by its short and its full name
      const refsOf = async (ref: string) =>
        (await api.get(`/runs?ref=${encodeURIComponent(ref)}`)).body.items.map(
          (r: any) => r.ref,
        );
      expect(await refsOf('v1.0')).toEqual(['refs/tags/v1.0']);
      expect(await refsOf('refs/tags/v1.0')).toEqual(['refs/tags/v1.0']);
      expect(await refsOf('main')).toEqual(['main']);
      expect(await refsOf('refs/heads/main')).toEqual(['main']);
      expect(await refsOf('refs/heads/v1.0')).toEqual([]);
    });

    it('rejects an invalid pipeline with its problems and stores no run', async () => {
      const { api, knex } = await setup(
        'name: broken\njobs:\n  a:\n    needs: [missing]\n    steps: []\n',
      );
      const res = await api.post('/runs', { entityRef: ENTITY_REF });
      expect(res.status).toBe(400);
      expect(res.body.error.problems).toContainEqual(
        expect.objectContaining({
          message: expect.stringContaining('missing'),
          line: 4,
        }),
      );
      expect(await knex('pipelines_runs').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      const [{ n }] = await knex('pipelines_runs').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('cancels a running step within 5 seconds', async () => {
      const { api, waitForRun } = await setup(`name: slow
on:
  manual: {}
jobs:
  wait:
    steps:
      - name: Sleep
        run: sleep 30
`);
      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      await waitForRun(
        created.body.id,
        r => r.jobs[0].steps[0].status === 'running',
      );

      const started = Date.now();
      const cancel = await api.post(`/runs/${created.body.id}/cancel`);
      expect(cancel.status).toBe(202);
      const run = await waitForRun(created.body.id, finished, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(run.status).toBe('cancelled');
      expect(run.jobs[0].steps[0].status).toBe('cancelled');
    });

    it('waits for approval before a deployment and runs it once approved', async () => {
      const { api, waitForRun } = await setup(`name: deploy
on:
  manual: {}
jobs:
  deploy:
    environment:
      name: production
      approval: true
    steps:
      - name: Ship
        run: echo shipped
`);
      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      const waiting = await waitForRun(
        created.body.id,
        r => r.status === 'waiting',
      );
      const jobId = waiting.jobs[0].id;
      expect(waiting.jobs[0].status).toBe('waiting');

      const approved = await api.post(
        `/runs/${waiting.id}/jobs/${jobId}/approval`,
        { decision: 'approve', comment: 'go' },
      );
      expect(approved.status).toBe(200);
      const run = await waitForRun(waiting.id, finished);
      expect(run.status).toBe('succeeded');
      expect(run.jobs[0].approval).toMatchObject({
        decision: 'approved',
        comment: 'go',
      });

      const again = await api.post(
        `/runs/${waiting.id}/jobs/${jobId}/approval`,
        {
          decision: 'reject',
        },
      );
      expect(again.status).toBe(409);
    });

    it('re-runs only the failed jobs', async () => {
      const { api, waitForRun } = await setup(`name: flaky
on:
  manual: {}
jobs:
  good:
    steps:
      - name: Ok
        run: echo ok
  bad:
    steps:
      - name: Fail
        run: exit 3
`);
      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      const run = await waitForRun(created.body.id, finished);
      expect(run.status).toBe('failed');
      const bad = run.jobs.find((j: any) => j.key === 'bad');
      expect(bad.steps[0]).toMatchObject({ status: 'failed', exitCode: 3 });

      const rerun = await api.post(`/runs/${run.id}/rerun`, {
        failedOnly: true,
      });
      expect(rerun.status).toBe(201);
      expect(rerun.body.rerunOf).toBe(run.id);
      const second = await waitForRun(rerun.body.id, finished);
      const good = second.jobs.find((j: any) => j.key === 'good');
      expect(good.status).toBe('succeeded');
      expect(good.steps[0].status).toBe('skipped');
      expect(second.jobs.find((j: any) => j.key === 'bad').attempt).toBe(1);
      expect(second.status).toBe('failed');
    });

    it('answers 403 and creates nothing without permission', async () => {
      const { api, knex } = await setup(simplePipeline, AuthorizeResult.DENY);
      const res = await api.post('/runs', { entityRef: ENTITY_REF });
      expect(res.status).toBe(403);
      const [{ n }] = await knex('pipelines_runs').count({ n: '*' });
      expect(Number(n)).toBe(0);
      const put = await api.put('/secrets/TOKEN', {
        value: 'abcdef',
        entityRef: ENTITY_REF,
      });
      expect(put.status).toBe(403);
    });

    it('never returns secret values and masks them in logs', async () => {
      const { api, waitForRun, logText } = await setup(`name: secret
on:
  manual: {}
jobs:
  use:
    secrets: [API_TOKEN]
    steps:
      - name: Print
        run: echo "token=$API_TOKEN"
`);
      const put = await api.put('/secrets/API_TOKEN', {
        value: 's3cr3t-value-42',
        entityRef: ENTITY_REF,
      });
      expect(put.status).toBe(204);
      const list = await api.get(`/secrets?entityRef=${ENTITY_REF}`);
      expect(JSON.stringify(list.body)).not.toContain('s3cr3t');
      expect(list.body.items).toEqual([
        expect.objectContaining({ name: 'API_TOKEN', entityRef: ENTITY_REF }),
      ]);

      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      const run = await waitForRun(created.body.id, finished);
      expect(run.status).toBe('succeeded');
      const text = await logText(run.id, run.jobs[0].id);
      expect(text).toContain('token=***');
      expect(text).not.toContain('s3cr3t-value-42');
    });

    it('validates request bodies', async () => {
      const { api } = await setup(simplePipeline);
      const res = await api.post('/runs', { entityRef: ENTITY_REF, bogus: 1 });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid request body/);
    });

    it('lists only the runs of entities that a conditional decision allows', async () => {
      // Allowed at first to create a run; then the policy answers the list
      // with a condition that this entity does not meet.
      let mode: 'allow' | 'conditional' = 'allow';
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({
            result:
              mode === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          })),
        authorizeConditional: async requests =>
          requests.map(r =>
            mode === 'allow'
              ? { result: AuthorizeResult.ALLOW }
              : ({
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'catalog',
                  resourceType: 'catalog-entity',
                  conditions: {
                    rule: 'IS_ENTITY_OWNER',
                    resourceType: 'catalog-entity',
                    params: { claims: [] },
                  },
                  permission: r.permission,
                } as any),
          ),
      });
      const { api, waitForRun } = await createTestBackend({
        databases,
        databaseId,
        pipeline: simplePipeline,
        permissions: permissions.factory,
      });
      const created = await api.post('/runs', { entityRef: ENTITY_REF });
      await waitForRun(created.body.id, finished);

      expect((await api.get('/runs')).body.totalCount).toBe(1);
      mode = 'conditional';
      const list = await api.get('/runs');
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [], totalCount: 0 });
    });
  });
});
