// Part of the contract that describeJobQueueContract runs.
/* eslint-disable jest/no-export */
import {
  type ContractHarness,
  ROOM_MS,
  type RunData,
  SLACK_MS,
} from './createContractHarness';
import { sleep, waitFor } from './waitFor';

/**
 * The shutdown and input validation part of the job queue contract.
 */
export function describeJobQueueLimitsContract(harness: ContractHarness) {
  const { open, openQueue } = harness;

  it('waits for running handlers when it closes and takes no new jobs', async () => {
    const service = open();
    const queue = openQueue(service);
    let calls = 0;
    let finishedAt = 0;
    await queue.process(async () => {
      calls += 1;
      await sleep(300);
      finishedAt = Date.now();
    });

    await queue.add({ runId: 'run-1' });
    await queue.add({ runId: 'run-2' });
    await waitFor(() => calls === 1);
    await service.close();
    const closedAt = Date.now();
    await sleep(200);

    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(closedAt);
    expect(calls).toBe(1);
    await expect(queue.add({ runId: 'run-3' })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
  });

  it('aborts handlers that outlive the shutdown timeout', async () => {
    const service = open({ shutdownTimeoutMs: 200 });
    const queue = openQueue(service);
    let signal: AbortSignal | undefined;
    await queue.process(async job => {
      signal = job.signal;
      await new Promise(resolve =>
        job.signal.addEventListener('abort', resolve),
      );
    });

    await queue.add({ runId: 'run-1' });
    await waitFor(() => signal !== undefined);
    const closingAt = Date.now();
    await service.close();
    const closeMs = Date.now() - closingAt;

    expect(signal?.aborted).toBe(true);
    expect(closeMs).toBeGreaterThanOrEqual(200 - SLACK_MS);
    expect(closeMs).toBeLessThan(200 + ROOM_MS);
  });

  it('rejects job data that is not a plain JSON object', async () => {
    const queue = openQueue();
    class RunRef {
      runId = 'run-1';
    }
    const invalid: unknown[] = [
      'run-1',
      ['run-1'],
      null,
      new RunRef(),
      { runId: new Date() },
      { runId: Number.NaN },
      { runId: undefined },
      { nested: { read: () => 'run-1' } },
      { log: 'x'.repeat(20000) },
    ];

    for (const data of invalid) {
      await expect(queue.add(data as RunData)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('Invalid job data'),
      });
    }
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 0 });
  });

  it('rejects invalid queue names, job ids and options', async () => {
    const service = open();
    for (const name of [
      '',
      'Pipelines',
      'pipelines:jobs',
      'a b',
      'x'.repeat(101),
    ]) {
      expect(() => service.getQueue(name)).toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
    }

    const queue = openQueue(service);
    const invalid = [
      { jobId: '' },
      { jobId: '42' },
      { jobId: 'run:1' },
      { jobId: 'run/1' },
      { delayMs: -1 },
      { attempts: 0 },
      { backoffDelayMs: 1.5 },
    ];
    for (const options of invalid) {
      await expect(
        queue.add({ runId: 'run-1' }, options),
      ).rejects.toMatchObject({ name: 'InputError' });
    }
    await expect(
      queue.process(async () => {}, { concurrency: 0 }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
}
