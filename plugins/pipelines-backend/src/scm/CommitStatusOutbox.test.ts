import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  PipelinesCommitState,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { migrateDatabase } from '../database/migrateDatabase';
import type { RunRecord } from '../database/types';
import { CommitStatusOutbox, commitStateOf } from './CommitStatusOutbox';

jest.setTimeout(60_000);

type Sent = {
  state: PipelinesCommitState;
  description: string;
  context: string;
  targetUrl: string;
};

/**
 * A git host of our interface that refuses the first `failures` calls,
 * as a host that is down would; the real clients are tested in their
 * modules.
 */
function flakyHost(failures: number) {
  const sent: Sent[] = [];
  let calls = 0;
  const provider: PipelinesScmProvider = {
    id: 'flaky',
    supports: url => url.startsWith('https://git.test/'),
    setCommitStatus: async options => {
      calls++;
      if (calls <= failures) throw new Error('503 Service Unavailable');
      sent.push(options);
    },
  };
  return { provider, sent, calls: () => calls };
}

const run = (status: RunRecord['status'] = 'queued') =>
  ({
    id: 'run-1',
    number: 12,
    entityRef: 'component:default/shop-web',
    repositoryUrl: 'https://git.test/acme/shop',
    sha: 'a'.repeat(40),
    status,
  } as RunRecord);

describe('CommitStatusOutbox', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('maps run statuses to commit states', () => {
    expect(
      (
        [
          'queued',
          'running',
          'waiting',
          'succeeded',
          'failed',
          'cancelled',
        ] as const
      ).map(commitStateOf),
    ).toEqual(['pending', 'pending', 'pending', 'success', 'failure', 'error']);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async (failures: number, maxAttempts = 10) => {
      const knex = await databases.init(databaseId);
      const db = await migrateDatabase(mockServices.database({ knex }));
      const host = flakyHost(failures);
      const outbox = CommitStatusOutbox.create({
        db,
        providers: [host.provider],
        logger: mockServices.logger.mock(),
        baseUrl: 'https://portal.test',
        initialBackoffMs: 1,
        maxBackoffMs: 1,
        maxAttempts,
      });
      const rows = () =>
        db('pipelines_commit_statuses')
          .orderBy('rank')
          .select('state', 'status', 'attempts');
      return { db, host, outbox, rows };
    };

    it('posts each state once with context, description and link', async () => {
      const { host, outbox, rows } = await setup(0);
      await outbox.record(run(), 'queued');
      await outbox.record(run(), 'running');
      await outbox.deliverRun('run-1');
      await outbox.record(run(), 'succeeded');
      await outbox.record(run(), 'succeeded');
      await outbox.deliverRun('run-1');
      await outbox.deliverDue();

      expect(host.sent).toEqual([
        {
          repositoryUrl: 'https://git.test/acme/shop',
          sha: 'a'.repeat(40),
          state: 'pending',
          context: 'golive/shop-web',
          description: 'Run #12 is queued',
          targetUrl: 'https://portal.test/pipelines/runs/run-1',
        },
        expect.objectContaining({
          state: 'success',
          description: 'Run #12 succeeded',
        }),
      ]);
      expect(await rows()).toEqual([
        { state: 'pending', status: 'delivered', attempts: 1 },
        { state: 'success', status: 'delivered', attempts: 1 },
      ]);
    });

    it('retries a failing host with backoff until it answers', async () => {
      const { host, outbox, rows } = await setup(3);
      await outbox.record(run(), 'failed');
      for (let i = 0; i < 6 && !host.sent.length; i++) {
        await new Promise(r => setTimeout(r, 5));
        await outbox.deliverDue();
      }
      expect(host.calls()).toBe(4);
      expect(host.sent.map(s => s.state)).toEqual(['failure']);
      expect(await rows()).toEqual([
        { state: 'failure', status: 'delivered', attempts: 4 },
      ]);
    });

    it('gives up after the last attempt', async () => {
      const { host, outbox, rows } = await setup(100, 3);
      await outbox.record(run(), 'failed');
      for (let i = 0; i < 6; i++) {
        await new Promise(r => setTimeout(r, 5));
        await outbox.deliverDue();
      }
      expect(host.calls()).toBe(3);
      expect(await rows()).toEqual([
        { state: 'failure', status: 'failed', attempts: 3 },
      ]);
    });

    it('never posts a pending state after the final one', async () => {
      const { host, outbox, rows } = await setup(1);
      await outbox.record(run(), 'running');
      await outbox.deliverRun('run-1');
      // the host was down for the pending state; the run finished meanwhile
      await outbox.record(run(), 'succeeded');
      await new Promise(r => setTimeout(r, 5));
      await outbox.deliverDue();
      await outbox.deliverDue();

      expect(host.sent.map(s => s.state)).toEqual(['success']);
      expect(await rows()).toEqual([
        { state: 'pending', status: 'superseded', attempts: 1 },
        { state: 'success', status: 'delivered', attempts: 1 },
      ]);
    });

    it('records nothing for repositories no provider hosts', async () => {
      const { outbox, rows } = await setup(0);
      const local = { ...run(), repositoryUrl: '/srv/repos/shop' };
      expect(await outbox.record(local, 'queued')).toEqual([]);
      expect(await rows()).toEqual([]);
    });
  });
});
