import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { runSignalChannel } from '@golive/plugin-pipelines-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PipelinesExternalCiProvider,
  pipelinesExternalCiExtensionPoint,
  PipelinesExternalRun,
} from '@golive/plugin-pipelines-node';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';
import { capturingScheduler } from '../__testUtils__/capturingScheduler';
import { openEventStream } from '../logs/__testUtils__/sseClient';
import type { AddressInfo } from 'node:net';

jest.setTimeout(60_000);

const ANNOTATION = 'memci.test/jobs';
const SYNC_TASK = 'pipelines-external-sync';

/**
 * An external CI system of our interface serving runs from memory, so
 * that the sync, the routes and the outages can be driven by the test;
 * the real Jenkins and GitHub Actions clients are tested in their modules.
 */
function memoryCi(runCount: number) {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  const runs: PipelinesExternalRun[] = Array.from(
    { length: runCount },
    (_, i) => ({
      externalId: String(runCount - i),
      number: runCount - i,
      name: 'web-build',
      status: i === 0 ? 'running' : 'succeeded',
      trigger: 'push',
      actor: 'jenkins',
      ref: 'main',
      inputs: {},
      createdAt: at(runCount - i),
      startedAt: at(runCount - i),
      finishedAt: i === 0 ? undefined : at(runCount - i + 1),
      url: `https://ci.test/job/web-build/${runCount - i}/`,
    }),
  );
  const state = {
    down: false,
    listCalls: 0,
    log: 'Started by user\nBuilding\n',
    logDone: false,
    triggerable: true,
    triggered: [] as Array<{ source: string; inputs: object; actor: string }>,
    reruns: [] as Array<{ externalId: string; actor: string }>,
  };
  const outage = () => {
    if (state.down) {
      throw new ServiceUnavailableError('MemCI "main" is not answering');
    }
  };
  const provider: PipelinesExternalCiProvider = {
    id: 'memci',
    title: 'MemCI',
    annotations: [ANNOTATION],
    sourcesOf: entity =>
      (entity.metadata.annotations?.[ANNOTATION] ?? '')
        .split(',')
        .filter(Boolean)
        .map(name => ({
          key: `main:${name}`,
          label: `${name} (main)`,
          url: `https://ci.test/job/${name}/`,
        })),
    listRuns: async ({ limit, cursor }) => {
      state.listCalls++;
      outage();
      const from = cursor ? Number(cursor) : 0;
      const page = runs.slice(from, from + limit);
      const next =
        from + limit < runs.length ? String(from + limit) : undefined;
      return { runs: page, nextCursor: next };
    },
    getRun: async ({ externalId }) => {
      outage();
      const run = runs.find(r => r.externalId === externalId);
      return (
        run && {
          ...run,
          jobs: [
            {
              id: 'stage-1',
              key: 'build',
              name: 'Build',
              status: run.status === 'running' ? 'running' : 'succeeded',
              attempt: 1,
              needs: [],
              approvalRequired: false,
              steps: [],
            } as any,
          ],
        }
      );
    },
    readLog: async ({ offset }) => {
      outage();
      return {
        text: state.log.slice(offset),
        nextOffset: state.log.length,
        more: !state.logDone,
      };
    },
    getInputs: async () => [
      {
        name: 'TARGET',
        type: 'string',
        required: false,
        default: 'staging',
      } as any,
    ],
    canTrigger: async () => {
      outage();
      return state.triggerable;
    },
    trigger: async ({ source, inputs, actor }) => {
      outage();
      state.triggered.push({ source: source.key, inputs, actor });
    },
    rerun: async ({ externalId, actor }) => {
      outage();
      state.reruns.push({ externalId, actor });
    },
  };
  return { provider, runs, state };
}

function memoryCiModule(provider: PipelinesExternalCiProvider) {
  return createBackendModule({
    pluginId: 'pipelines',
    moduleId: 'memory-ci',
    register(env) {
      env.registerInit({
        deps: { ci: pipelinesExternalCiExtensionPoint },
        async init({ ci }) {
          ci.addExternalCiProvider(provider);
        },
      });
    },
  });
}

describe('external CI runs', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async (
      options: {
        runs?: number;
        permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      } = {},
    ) => {
      const ci = memoryCi(options.runs ?? 3);
      const scheduler = capturingScheduler();
      const signals: Array<{
        channel: string;
        recipients: unknown;
        message: any;
      }> = [];
      const signalsFactory = createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: any) => void signals.push(signal),
        }),
      });
      const backend = await createTestBackend({
        databases,
        databaseId,
        pipeline:
          'name: shop\non:\n  manual: {}\njobs:\n  a:\n    steps:\n      - run: echo own\n',
        permission: options.permission,
        annotations: { [ANNOTATION]: 'web-build' },
        pipelinesConfig: { external: { maxRunsPerSource: 220 } },
        services: [scheduler.factory, signalsFactory],
        features: [memoryCiModule(ci.provider)],
      });
      const list = (query = '') =>
        backend.api.get(`/runs?entityRef=${ENTITY_REF}&limit=100${query}`);
      const externalCount = async () => {
        const [{ n }] = await backend
          .knex('pipelines_runs')
          .where({ provider: 'memci' })
          .count({ n: '*' });
        return Number(n);
      };
      return { ...backend, ci, scheduler, signals, list, externalCount };
    };

    it('pages past the first page on the first sync and does not duplicate rows later', async () => {
      const t = await setup({ runs: 250 });
      await t.scheduler.run(SYNC_TASK);
      // the first sync stops at pipelines.external.maxRunsPerSource
      expect(await t.externalCount()).toBe(220);

      const res = await t.list('&provider=memci');
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(220);
      expect(res.body.items[0]).toMatchObject({
        number: 250,
        status: 'running',
        provider: 'memci',
        providerTitle: 'MemCI',
        source: 'web-build (main)',
        url: 'https://ci.test/job/web-build/250/',
      });
      expect(res.body.providers).toEqual([
        expect.objectContaining({ provider: 'memci', state: 'ok' }),
      ]);

      // the newest run finishes and a new one starts
      t.ci.runs[0].status = 'succeeded';
      t.ci.runs[0].finishedAt = new Date().toISOString();
      t.ci.runs.unshift({
        ...t.ci.runs[1],
        externalId: '251',
        number: 251,
        status: 'running',
        finishedAt: undefined,
        createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
      });
      const callsBefore = t.ci.state.listCalls;
      const finished = (await t.list('&provider=memci')).body.items[0];
      t.signals.length = 0;
      await t.scheduler.run(SYNC_TASK);
      // the runs list and the page of the run that finished reload
      expect(t.signals.map(s => s.channel)).toEqual([
        'golive.pipelines.runs',
        runSignalChannel(finished.id),
      ]);
      // every signed-in user gets them: they name no entity, no status
      expect(t.signals.map(s => [s.recipients, s.message])).toEqual([
        [{ type: 'broadcast' }, { type: 'runs.synced' }],
        [{ type: 'broadcast' }, { type: 'run.synced', runId: finished.id }],
      ]);
      // it met finished runs it already had on the first page and stopped
      expect(t.ci.state.listCalls - callsBefore).toBe(1);
      expect(await t.externalCount()).toBe(221);
      const after = await t.list('&provider=memci&status=running');
      expect(after.body.items.map((r: any) => r.number)).toEqual([251]);
    });

    it('numbers own runs apart from external build numbers and filters by provider', async () => {
      const t = await setup({ runs: 3 });
      await t.scheduler.run(SYNC_TASK);
      const own = await t.api.post('/runs', { entityRef: ENTITY_REF });
      expect(own.status).toBe(201);
      expect(own.body.number).toBe(1);

      const golive = await t.list('&provider=golive');
      expect(golive.body.items.map((r: any) => r.id)).toEqual([own.body.id]);
      expect(golive.body.items[0].provider).toBeUndefined();
      expect((await t.list()).body.totalCount).toBe(4);
    });

    it('shows an outage in providers and recovers', async () => {
      const t = await setup({ runs: 3 });
      await t.scheduler.run(SYNC_TASK);
      t.ci.state.down = true;
      await t
        .knex('pipelines_external_sources')
        .update({ next_retry_at: null });
      t.signals.length = 0;
      await t.scheduler.run(SYNC_TASK);
      // an open runs list reloads to show the outage
      expect(t.signals.map(s => s.channel)).toEqual(['golive.pipelines.runs']);
      // its sources stay listed, not startable
      const sources = await t.api.get(
        `/external-sources?entityRef=${ENTITY_REF}`,
      );
      expect(sources.status).toBe(200);
      expect(sources.body.items).toEqual([
        expect.objectContaining({
          source: 'main:web-build',
          canTrigger: false,
        }),
      ]);

      const down = await t.list();
      expect(down.body.providers).toEqual([
        expect.objectContaining({
          provider: 'memci',
          providerTitle: 'MemCI',
          state: 'unavailable',
          message: 'MemCI "main" is not answering',
          retryAt: expect.any(String),
          lastSyncedAt: expect.any(String),
        }),
      ]);
      // the runs already synced stay listed
      expect(down.body.totalCount).toBe(3);

      const run = down.body.items[0];
      const detail = await t.api.get(`/runs/${run.id}`);
      expect(detail.status).toBe(503);
      expect(detail.body.error.message).toBe('MemCI "main" is not answering');

      // while backing off, the sync leaves the provider alone
      const calls = t.ci.state.listCalls;
      await t.scheduler.run(SYNC_TASK);
      expect(t.ci.state.listCalls).toBe(calls);

      t.ci.state.down = false;
      await t.knex('pipelines_external_sources').update({
        next_retry_at: new Date(Date.now() - 1000).toISOString(),
      });
      t.signals.length = 0;
      await t.scheduler.run(SYNC_TASK);
      expect(t.signals.map(s => s.channel)).toEqual(['golive.pipelines.runs']);
      const up = await t.list();
      expect(up.body.providers).toEqual([
        expect.objectContaining({ provider: 'memci', state: 'ok' }),
      ]);
      expect(up.body.providers[0].message).toBeUndefined();
    });

    it('syncs an entity in the background when its runs are listed', async () => {
      const t = await setup({ runs: 5 });
      const first = await t.list();
      expect(first.status).toBe(200);
      const deadline = Date.now() + 10000;
      while ((await t.list()).body.totalCount < 5) {
        if (Date.now() > deadline) throw new Error('Entity was not synced');
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await t.externalCount()).toBe(5);
    });

    it('reads an external run, its log and its live log through the provider', async () => {
      const t = await setup({ runs: 3 });
      await t.scheduler.run(SYNC_TASK);
      const [newest] = (await t.list()).body.items;

      const detail = await t.api.get(`/runs/${newest.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        provider: 'memci',
        status: 'running',
        jobs: [expect.objectContaining({ id: 'stage-1', name: 'Build' })],
      });

      const logs = await t.api.get(`/runs/${newest.id}/jobs/stage-1/logs`);
      expect(logs.body.live).toBe(true);
      expect(logs.body.lines.map((l: any) => [l.seq, l.text])).toEqual([
        [1, 'Started by user'],
        [2, 'Building'],
      ]);
      const later = await t.api.get(
        `/runs/${newest.id}/jobs/stage-1/logs?after=1`,
      );
      expect(later.body.lines.map((l: any) => l.seq)).toEqual([2]);

      setTimeout(() => {
        t.ci.state.log += 'Finished: SUCCESS\n';
        t.ci.state.logDone = true;
      }, 500);
      const { port } = t.server.address() as AddressInfo;
      const stream = openEventStream(
        `http://127.0.0.1:${port}/api/pipelines/runs/${newest.id}/jobs/stage-1/logs/stream`,
        {
          authorization: mockCredentials.user.header(),
          'last-event-id': '1',
        },
      );
      await stream.done;
      expect(stream.state.status).toBe(200);
      const lines = stream.events
        .filter(e => e.event === 'line')
        .map(e => JSON.parse(e.data));
      expect(lines.map((l: any) => [l.seq, l.text])).toEqual([
        [2, 'Building'],
        [3, 'Finished: SUCCESS'],
      ]);
      expect(stream.events[stream.events.length - 1].event).toBe('end');
    });

    it('reruns and starts external runs, and refuses cancel', async () => {
      const t = await setup({ runs: 3 });
      await t.scheduler.run(SYNC_TASK);
      const [newest] = (await t.list()).body.items;

      const rerun = await t.api.post(`/runs/${newest.id}/rerun`);
      expect(rerun.status).toBe(202);
      expect(t.ci.state.reruns).toEqual([
        { externalId: '3', actor: 'user:default/mock' },
      ]);

      const started = await t.api.post('/runs', {
        entityRef: ENTITY_REF,
        provider: 'memci',
        source: 'main:web-build',
        inputs: { TARGET: 'production' },
      });
      expect(started.status).toBe(202);
      expect(started.body).toEqual({ accepted: true });
      expect(t.ci.state.triggered).toEqual([
        {
          source: 'main:web-build',
          inputs: { TARGET: 'production' },
          actor: 'user:default/mock',
        },
      ]);

      const unknown = await t.api.post('/runs', {
        entityRef: ENTITY_REF,
        provider: 'memci',
        source: 'main:nope',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/no MemCI source "main:nope"/);
      const half = await t.api.post('/runs', {
        entityRef: ENTITY_REF,
        provider: 'memci',
      });
      expect(half.status).toBe(400);

      const cancel = await t.api.post(`/runs/${newest.id}/cancel`);
      expect(cancel.status).toBe(409);
      expect(cancel.body.error.message).toMatch(/runs in MemCI/);
    });

    it('lists external sources with their inputs', async () => {
      const t = await setup();
      const res = await t.api.get(`/external-sources?entityRef=${ENTITY_REF}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          provider: 'memci',
          providerTitle: 'MemCI',
          source: 'main:web-build',
          label: 'web-build (main)',
          url: 'https://ci.test/job/web-build/',
          inputs: [expect.objectContaining({ name: 'TARGET' })],
          canTrigger: true,
        },
      ]);
      const missing = await t.api.get('/external-sources');
      expect(missing.status).toBe(400);

      t.ci.state.triggerable = false;
      const closed = await t.api.get(
        `/external-sources?entityRef=${ENTITY_REF}`,
      );
      expect(closed.body.items[0].canTrigger).toBe(false);
    });

    it('refuses callers without permission', async () => {
      const t = await setup({ permission: AuthorizeResult.DENY });
      await t.scheduler.run(SYNC_TASK);
      expect(await t.externalCount()).toBe(3);
      const [row] = await t.knex('pipelines_runs').select('id');

      expect((await t.list()).status).toBe(403);
      expect(
        (await t.api.get(`/external-sources?entityRef=${ENTITY_REF}`)).status,
      ).toBe(403);
      expect((await t.api.get(`/runs/${row.id}`)).status).toBe(404);
      expect((await t.api.post(`/runs/${row.id}/rerun`)).status).toBe(404);
      const trigger = await t.api.post('/runs', {
        entityRef: ENTITY_REF,
        provider: 'memci',
        source: 'main:web-build',
      });
      expect(trigger.status).toBe(403);
      expect(t.ci.state.triggered).toEqual([]);
      expect(t.ci.state.reruns).toEqual([]);
    });
  });
});
