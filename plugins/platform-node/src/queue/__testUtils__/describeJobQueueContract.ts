// The contract is one suite that each implementation's test file runs.
/* eslint-disable jest/no-export */
import { PermanentJobError } from '../PermanentJobError';
import type { JobContext } from '../types';
import { captureLogs } from './captureLogs';
import {
  type ClosableJobQueueService,
  type ContractServiceOptions,
  createContractHarness,
  ROOM_MS,
  type RunData,
  SLACK_MS,
} from './createContractHarness';
import { describeJobQueueLimitsContract } from './describeJobQueueLimitsContract';
import { sleep, waitFor } from './waitFor';

/**
 * The behaviour that every JobQueueService implementation shares. Call it
 * inside the implementation's describe block.
 */
export function describeJobQueueContract(
  createService: (options: ContractServiceOptions) => ClosableJobQueueService,
) {
  const harness = createContractHarness(createService);
  const { open, openQueue, waitForState } = harness;

  it('runs an added job with its data', async () => {
    const queue = openQueue();
    const seen: JobContext<RunData>[] = [];
    await queue.process(async job => {
      seen.push(job);
    });

    const result = await queue.add({ runId: 'run-1' });
    await waitForState(queue, result.jobId, 'completed');

    expect(result.deduplicated).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: result.jobId,
      queueName: queue.name,
      data: { runId: 'run-1' },
      attempt: 1,
      maxAttempts: 3,
    });
    expect(await queue.getJob(result.jobId)).toEqual({
      id: result.jobId,
      state: 'completed',
      data: { runId: 'run-1' },
      attempt: 1,
    });
  });

  it('retries a failing job with exponential backoff', async () => {
    const queue = openQueue();
    const starts: { attempt: number; at: number }[] = [];
    await queue.process(async job => {
      starts.push({ attempt: job.attempt, at: Date.now() });
      if (job.attempt < 3) {
        throw new Error(`Attempt ${job.attempt} failed`);
      }
    });

    const { jobId } = await queue.add(
      { runId: 'run-1' },
      { attempts: 3, backoffDelayMs: 150 },
    );
    await waitForState(queue, jobId, 'completed');

    expect(starts.map(start => start.attempt)).toEqual([1, 2, 3]);
    const firstBackoff = starts[1].at - starts[0].at;
    const secondBackoff = starts[2].at - starts[1].at;
    expect(firstBackoff).toBeGreaterThanOrEqual(150 - SLACK_MS);
    expect(firstBackoff).toBeLessThan(150 + ROOM_MS);
    expect(secondBackoff).toBeGreaterThanOrEqual(300 - SLACK_MS);
    expect(secondBackoff).toBeLessThan(300 + ROOM_MS);
  });

  it('gives each attempt a fresh copy of the data', async () => {
    const queue = openQueue();
    const seen: string[] = [];
    await queue.process(async job => {
      seen.push(job.data.runId);
      job.data.runId = 'changed';
      if (job.attempt === 1) {
        throw new Error('Try again');
      }
    });

    const { jobId } = await queue.add(
      { runId: 'run-1' },
      { backoffDelayMs: 10 },
    );
    await waitForState(queue, jobId, 'completed');

    expect(seen).toEqual(['run-1', 'run-1']);
  });

  it('fails a job after its last attempt', async () => {
    const queue = openQueue();
    let calls = 0;
    await queue.process(async () => {
      calls += 1;
      throw new Error('Still broken');
    });

    const { jobId } = await queue.add(
      { runId: 'run-1' },
      { attempts: 2, backoffDelayMs: 50 },
    );
    await waitForState(queue, jobId, 'failed');
    await sleep(300);

    expect(calls).toBe(2);
    expect(await queue.getJob(jobId)).toMatchObject({
      state: 'failed',
      attempt: 2,
      failedReason: 'Still broken',
    });
  });

  it('fails a job without retries when the handler throws PermanentJobError', async () => {
    const queue = openQueue();
    let calls = 0;
    await queue.process(async () => {
      calls += 1;
      throw new PermanentJobError('Run "run-1" no longer exists');
    });

    const { jobId } = await queue.add(
      { runId: 'run-1' },
      { attempts: 5, backoffDelayMs: 20 },
    );
    await waitForState(queue, jobId, 'failed');
    await sleep(300);

    expect(calls).toBe(1);
    expect(await queue.getJob(jobId)).toMatchObject({
      state: 'failed',
      attempt: 1,
      failedReason: 'Run "run-1" no longer exists',
    });
  });

  it('logs failed attempts through a job-queue child logger', async () => {
    const { logger, logs } = captureLogs();
    const queue = openQueue(open({ logger }));
    await queue.process(async () => {
      throw new Error('Broken');
    });

    const { jobId } = await queue.add(
      { runId: 'run-1' },
      { attempts: 2, backoffDelayMs: 10 },
    );
    await waitFor(() => logs.some(log => log.message === 'Job failed'));

    const meta = { component: 'job-queue', queue: queue.name, jobId };
    expect(logs).toEqual([
      {
        level: 'warn',
        message: 'Job attempt failed, will retry',
        meta: { ...meta, attempt: 1, error: 'Broken' },
      },
      {
        level: 'error',
        message: 'Job failed',
        meta: { ...meta, attempt: 2, error: 'Broken' },
      },
    ]);
  });

  it('never runs more handlers at once than the concurrency', async () => {
    const queue = openQueue();
    for (let i = 0; i < 6; i++) {
      await queue.add({ runId: `run-${i}` });
    }
    let running = 0;
    let peak = 0;
    let done = 0;

    await queue.process(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(100);
        running -= 1;
        done += 1;
      },
      { concurrency: 2 },
    );
    await waitFor(() => done === 6);

    expect(peak).toBe(2);
  });

  it('runs a job once when its id is added twice while it waits', async () => {
    const queue = openQueue();
    const first = await queue.add({ runId: 'run-1' }, { jobId: 'job-1.a' });
    const second = await queue.add({ runId: 'run-2' }, { jobId: 'job-1.a' });
    const seen: string[] = [];

    await queue.process(async job => {
      seen.push(job.data.runId);
    });
    await waitForState(queue, 'job-1.a', 'completed');
    await sleep(200);

    expect(first).toEqual({ jobId: 'job-1.a', deduplicated: false });
    expect(second).toEqual({ jobId: 'job-1.a', deduplicated: true });
    expect(seen).toEqual(['run-1']);
  });

  it('runs a job once when its id is added again while it runs', async () => {
    const queue = openQueue();
    let calls = 0;
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    await queue.process(async () => {
      calls += 1;
      await released;
    });

    await queue.add({ runId: 'run-1' }, { jobId: 'job-2' });
    await waitForState(queue, 'job-2', 'active');
    const again = await queue.add({ runId: 'run-1' }, { jobId: 'job-2' });
    release();
    await waitForState(queue, 'job-2', 'completed');
    await sleep(200);

    expect(again.deduplicated).toBe(true);
    expect(calls).toBe(1);
  });

  it('does not run a delayed job before its delay', async () => {
    const queue = openQueue();
    let startedAt = 0;
    await queue.process(async () => {
      startedAt = Date.now();
    });

    const addedAt = Date.now();
    const { jobId } = await queue.add({ runId: 'run-1' }, { delayMs: 400 });
    expect((await queue.getJob(jobId))?.state).toBe('delayed');
    await waitForState(queue, jobId, 'completed');

    expect(startedAt - addedAt).toBeGreaterThanOrEqual(400 - SLACK_MS);
    expect(startedAt - addedAt).toBeLessThan(400 + ROOM_MS);
  });

  it('counts jobs by state', async () => {
    const queue = openQueue();
    await queue.add({ runId: 'run-1' });
    await queue.add({ runId: 'run-2' });
    await queue.add({ runId: 'run-3' }, { delayMs: 60000 });

    expect(await queue.getJobCounts()).toEqual({
      waiting: 2,
      delayed: 1,
      active: 0,
      completed: 0,
      failed: 0,
    });
    expect(await queue.getJob('no-such-job')).toBeUndefined();
  });

  describeJobQueueLimitsContract(harness);
}
