import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createGitRepo } from '../__testUtils__/createTestBackend';
import {
  FAULT_ENTITY_REF,
  startPipelinesCore,
} from './__fixtures__/startPipelinesCore';
import { reconcileJobs } from './reconcileJobs';
import { isAlive } from '../__testUtils__/processes';

jest.setTimeout(60_000);

const REDIS_URL =
  process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING ??
  'redis://127.0.0.1:6379';

type Core = Awaited<ReturnType<typeof startPipelinesCore>>;

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out, last value: ${JSON.stringify(value)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('fault tolerance', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const cores: Core[] = [];
  const children: ChildProcess[] = [];
  const timers: NodeJS.Timeout[] = [];
  let queuePrefix = '';
  let knex: Knex;
  let dataDirectory = '';
  let repositoryUrl = '';

  const deleteQueueKeys = async () => {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${queuePrefix}:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  };

  const setup = async (pipeline: string) => {
    knex = await databases.init('POSTGRES_15');
    queuePrefix = `golive-fault-${randomUUID()}`;
    dataDirectory = mkdtempSync(join(tmpdir(), 'pipelines-fault-'));
    repositoryUrl = createGitRepo({ '.golive/pipeline.yaml': pipeline });
  };

  const startCore = async (
    options: { migrate?: boolean; services?: Record<string, unknown> } = {},
  ) => {
    const core = await startPipelinesCore({
      knex,
      redisUrl: REDIS_URL,
      queuePrefix,
      dataDirectory,
      repositoryUrl,
      ...options,
    });
    cores.push(core);
    return core;
  };

  /** Runs the reconciler every half second, as the scheduler would. */
  const runReconciler = (core: Core) => {
    const passes = { requeued: 0 };
    const timer = setInterval(async () => {
      try {
        const { requeued } = await reconcileJobs({
          ...core,
          logger: mockServices.logger.mock(),
          staleAfterMs: 3 * core.lockDurationMs,
        });
        passes.requeued += requeued;
      } catch {
        // a pass that meets a stopped core is repeated by the next
      }
    }, 500);
    timers.push(timer);
    return passes;
  };

  const createRun = (core: Core) =>
    core.planner.createRun({
      entityRef: FAULT_ENTITY_REF,
      trigger: 'manual',
      actor: 'user:default/tester',
      credentials: mockCredentials.user(),
    });

  const waitForStep = (core: Core, runId: string, key: string) =>
    waitFor(
      () => core.jobs.listJobs(runId),
      jobs => jobs.find(j => j.key === key)?.steps[0]?.status === 'running',
    );

  const waitForRunEnd = (core: Core, runId: string, timeoutMs = 30_000) =>
    waitFor(
      () => core.runs.getRun(runId),
      run => ['succeeded', 'failed', 'cancelled'].includes(run?.status ?? ''),
      timeoutMs,
    );

  /** job key -> number of `job.finished` events, across every core. */
  const finishedEvents = () => {
    const counts: Record<string, number> = {};
    for (const core of cores) {
      for (const { eventPayload } of core.events) {
        if (eventPayload.type !== 'job.finished') continue;
        counts[eventPayload.jobKey] = (counts[eventPayload.jobKey] ?? 0) + 1;
      }
    }
    return counts;
  };

  afterEach(async () => {
    timers.splice(0).forEach(clearInterval);
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await Promise.all(cores.splice(0).map(core => core.stop()));
    await deleteQueueKeys();
  });

  afterAll(() => redis.disconnect());

  it('attempts a job again after its worker is killed mid-step', async () => {
    // the first attempt writes its shell's pid (a second after the worker
    // started it, so the worker is past the spawn) and sleeps; the second
    // does the work at once
    const pidFile = join(mkdtempSync(join(tmpdir(), 'pipelines-pids-')), 'p');
    await setup(`name: kill
jobs:
  slow:
    steps:
      - name: Work
        run: |
          if [ ! -e ${pidFile} ]; then sleep 1; echo $$ > ${pidFile}; sleep 120; fi
          echo done > done.txt
    artifacts: [done.txt]
  after:
    needs: [slow]
    steps:
      - run: echo after
`);
    const core = await startCore();
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        require.resolve('./__fixtures__/runPipelinesWorker.ts'),
      ],
      {
        env: {
          ...process.env,
          PG_CONNECTION: JSON.stringify(knex.client.config.connection),
          REDIS_URL,
          QUEUE_PREFIX: queuePrefix,
          DATA_DIR: dataDirectory,
          REPOSITORY_URL: repositoryUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let output = '';
    child.stdout!.on('data', chunk => (output += chunk));
    child.stderr!.on('data', chunk => (output += chunk));
    await waitFor(
      async () => output,
      text => text.includes('ready') || child.exitCode !== null,
      30_000,
    );
    expect(output).toContain('ready');

    // only the child takes jobs until it dies
    const run = await createRun(core);
    await waitForStep(core, run.id, 'slow');
    const orphan = Number(
      (
        await waitFor(
          async () =>
            existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : '',
          text => text.endsWith('\n'),
        )
      ).trim(),
    );
    expect(isAlive(orphan)).toBe(true);
    child.kill('SIGKILL');
    await core.startWorker();
    // the dead worker's step does not run on behind it
    await waitFor(
      async () => isAlive(orphan),
      alive => !alive,
      5000,
    );

    const finished = await waitForRunEnd(core, run.id);
    expect(finished!.status).toBe('succeeded');
    const jobs = await core.jobs.listJobs(run.id);
    expect(jobs.map(j => [j.key, j.status, j.attempt])).toEqual([
      ['slow', 'succeeded', 2],
      ['after', 'succeeded', 1],
    ]);
    expect(finishedEvents()).toEqual({ slow: 1, after: 1 });
    const artifacts = await core.jobs.listArtifacts(run.id);
    expect(artifacts.map(a => a.path)).toEqual(['done.txt']);
  });

  it('recovers a run within 60 seconds after Redis lost the queue', async () => {
    await setup(`name: flush
jobs:
  first:
    steps:
      - run: sleep 1 && echo first
  second:
    needs: [first]
    steps:
      - run: echo second
`);
    const core = await startCore();
    const run = await createRun(core);
    const flushedAt = Date.now();
    expect(await deleteQueueKeys()).toBeGreaterThan(0);
    const [first] = await core.jobs.listJobs(run.id);
    expect(first.status).toBe('queued');
    expect(await core.queue.getJob(`${first.id}-1`)).toBeUndefined();

    await core.startWorker();
    const reconciler = runReconciler(core);
    await waitForStep(core, run.id, 'first');
    // and once more while the step runs
    await deleteQueueKeys();

    const finished = await waitForRunEnd(core, run.id, 60_000);
    expect(Date.now() - flushedAt).toBeLessThan(60_000);
    expect(finished!.status).toBe('succeeded');
    expect(reconciler.requeued).toBeGreaterThanOrEqual(1);
    const jobs = await core.jobs.listJobs(run.id);
    expect(jobs.map(j => [j.key, j.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
    ]);
    expect(finishedEvents()).toEqual({ first: 1, second: 1 });
    // signals reach every signed-in user, so they say only which run moved
    const messages = core.signals.map(signal => signal.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const { recipients, channel, message } of core.signals) {
      expect(recipients).toEqual({ type: 'broadcast' });
      expect(channel).toMatch(/^golive\.pipelines\.run/);
      expect(Object.keys(message).sort()).toEqual(['runId', 'type']);
      expect(message.runId).toBe(run.id);
    }
    expect(messages).toContainEqual({ type: 'run.finished', runId: run.id });
  });

  it('leaves no child process alive after a cancel', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'pipelines-pids-')), 'p');
    await setup(`name: children
jobs:
  spawn:
    steps:
      - name: Children
        run: |
          sleep 120 &
          echo $! >> ${pidFile}
          sh -c 'sleep 120 & echo $! >> ${pidFile}; wait' &
          echo $! >> ${pidFile}
          echo $$ >> ${pidFile}
          wait
`);
    const core = await startCore({
      services: {
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        auditor: {
          createEvent: async () => ({
            success: async () => {},
            fail: async () => {},
          }),
        },
      },
    });
    await core.startWorker();
    const app = express().use(core.router);
    const run = await createRun(core);
    const pids = await waitFor(
      async () => {
        try {
          return readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
        } catch {
          return [];
        }
      },
      list => list.length === 4,
    );
    expect(pids.every(isAlive)).toBe(true);

    const started = Date.now();
    const cancel = await request(app).post(`/runs/${run.id}/cancel`);
    expect(cancel.status).toBe(202);
    const finished = await waitForRunEnd(core, run.id, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(finished!.status).toBe('cancelled');
    await waitFor(
      async () => pids.filter(isAlive),
      alive => alive.length === 0,
      2000,
    );
  });

  it('completes a run after the backend restarts mid-run', async () => {
    await setup(`name: restart
jobs:
  long:
    steps:
      - run: echo begin && sleep 2 && echo end
  next:
    needs: [long]
    steps:
      - run: echo next
`);
    const before = await startCore();
    await before.startWorker();
    const run = await createRun(before);
    await waitForStep(before, run.id, 'long');
    await before.stop();

    const after = await startCore({ migrate: false });
    await after.startWorker();
    runReconciler(after);

    const finished = await waitForRunEnd(after, run.id);
    expect(finished!.status).toBe('succeeded');
    const jobs = await after.jobs.listJobs(run.id);
    expect(jobs.map(j => [j.key, j.status])).toEqual([
      ['long', 'succeeded'],
      ['next', 'succeeded'],
    ]);
    // 2 when the stopping worker could still queue it, 3 when its queue
    // had closed and the reconciler of the new backend queued it
    expect([2, 3]).toContain(jobs[0].attempt);
    expect(finishedEvents()).toEqual({ long: 1, next: 1 });
  });
});
