import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parsePipelineFile } from '@golive/plugin-pipelines-common';
import { resolve } from 'node:path';
import type { RunPlanner } from '../planner/RunPlanner';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';
import { SCHEDULER_ACTOR, ScheduleTrigger } from './ScheduleTrigger';

jest.setTimeout(60_000);

const pipelineWith = (cron: string) => `name: nightly
on:
  schedule:
    - cron: '${cron}'
jobs:
  build:
    steps:
      - run: echo built
`;

/**
 * Reads the given pipeline file and records the runs it is asked to start,
 * as the planner would store them.
 */
function fakePlanner(initial: string) {
  const started: Array<{ id: string; trigger: string; actor: string }> = [];
  const file = { content: initial, reads: 0 };
  const planner: Pick<RunPlanner, 'loadPipeline' | 'createRun'> = {
    loadPipeline: async ({ entityRef }) => {
      file.reads += 1;
      return {
        entityRef,
        repositoryUrl: '/repos/shop',
        pipelinePath: '.golive/pipeline.yaml',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
        content: file.content,
        pipeline: parsePipelineFile(file.content).pipeline!,
      };
    },
    createRun: async options => {
      const run = {
        id: `run-${started.length + 1}`,
        trigger: options.trigger,
        actor: options.actor,
      };
      started.push(run);
      return run as any;
    },
  };
  return { planner, started, file };
}

describe('ScheduleTrigger', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async (cron: string, now: string) => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({
        directory: resolve(__dirname, '../../migrations'),
      });
      const store = DatabaseScheduleStore.create({ db });
      const catalog = catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'shop',
              annotations: { 'golive.dev/repository-url': '/repos/shop' },
            },
            spec: { type: 'service', owner: 'team-a' },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'no-pipeline' },
            spec: { type: 'service', owner: 'team-a' },
          },
        ],
      });
      const { planner, started, file } = fakePlanner(pipelineWith(cron));
      const clock = { now };
      const trigger = () =>
        ScheduleTrigger.create({
          catalog,
          auth: mockServices.auth(),
          planner,
          store,
          logger: mockServices.logger.mock(),
          clock: () => new Date(clock.now),
        });
      return { trigger, started, file, clock };
    };

    it('starts one run for a slot that fell due', async () => {
      const { trigger, started } = await setup(
        '0 2 * * *',
        '2026-12-03T02:00:40Z',
      );

      const ids = await trigger().check();

      expect(ids).toEqual(['run-1']);
      expect(started).toEqual([
        { id: 'run-1', trigger: 'schedule', actor: SCHEDULER_ACTOR },
      ]);
    });

    it('starts a slot once across two scheduler instances and checks', async () => {
      const { trigger, started } = await setup(
        '*/15 * * * *',
        '2026-12-03T10:16:00Z',
      );
      const first = trigger();
      const second = trigger();

      await Promise.all([first.check(), second.check()]);
      await first.check();

      expect(started).toHaveLength(1);
    });

    it('reads a pipeline once per refresh period, and when a slot falls due', async () => {
      const { trigger, started, file, clock } = await setup(
        '0 2 * * *',
        '2026-12-03T01:50:00Z',
      );
      const scheduler = trigger();

      await scheduler.check();
      expect(file.reads).toBe(1);
      clock.now = '2026-12-03T01:51:00Z';
      await scheduler.check();
      expect(file.reads).toBe(1);

      clock.now = '2026-12-03T02:00:30Z';
      expect(await scheduler.check()).toEqual(['run-1']);
      expect(file.reads).toBe(2);
      // the slot is still in the look-back window but already handled
      clock.now = '2026-12-03T02:01:30Z';
      expect(await scheduler.check()).toEqual([]);
      expect(file.reads).toBe(2);

      // ten minutes after the last read, the file is read again
      clock.now = '2026-12-03T02:10:31Z';
      await scheduler.check();
      expect(file.reads).toBe(3);
      expect(started).toHaveLength(1);
    });

    it('starts nothing when the due cron left the file since it was read', async () => {
      const { trigger, started, file, clock } = await setup(
        '0 2 * * *',
        '2026-12-03T01:58:00Z',
      );
      const scheduler = trigger();
      await scheduler.check();

      file.content = pipelineWith('0 3 * * *');
      clock.now = '2026-12-03T02:00:30Z';
      expect(await scheduler.check()).toEqual([]);
      expect(started).toEqual([]);

      // and the new cron fires at its own time
      clock.now = '2026-12-03T03:00:10Z';
      expect(await scheduler.check()).toEqual(['run-1']);
    });

    it('starts nothing for a cron whose slot is not due', async () => {
      const { trigger, started } = await setup(
        '0 2 * * *',
        '2026-12-03T14:30:00Z',
      );

      expect(await trigger().check()).toEqual([]);
      expect(started).toEqual([]);
    });
  });
});
