import { mockServices } from '@backstage/backend-test-utils';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  TEST_REDIS_URL,
} from '../redis/__testUtils__/testRedis';
import { BullMqJobQueueService } from './BullMqJobQueueService';
import { describeJobQueueContract } from './__testUtils__/describeJobQueueContract';
import { waitFor } from './__testUtils__/waitFor';

describe('BullMqJobQueueService', () => {
  const prefix = `golive-test-${randomUUID()}`;
  let connection: Redis;

  beforeAll(async () => {
    connection = await connectTestRedis();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(connection, `${prefix}:`);
    await connection.quit();
  });

  describeJobQueueContract(options =>
    BullMqJobQueueService.create({ ...options, connection, prefix }),
  );

  it('hands the job of a killed worker process to another worker', async () => {
    const service = BullMqJobQueueService.create({
      connection,
      prefix,
      logger: mockServices.rootLogger({ level: 'none' }),
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    const queue = service.getQueue<{ runId: string }>('stalled');

    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        resolvePath(__dirname, '__fixtures__/runKillableWorker.ts'),
      ],
      {
        env: {
          ...process.env,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          QUEUE_NAME: 'stalled',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const childExited = new Promise(resolve => child.once('exit', resolve));
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', line =>
      lines.push(line),
    );

    try {
      await waitFor(() => lines.includes('ready'), 20000);
      const { jobId } = await queue.add({ runId: 'run-1' });
      await waitFor(() => lines.includes(`started ${jobId} 1`));
      child.kill('SIGKILL');
      await childExited;

      const attempts: number[] = [];
      await queue.process(async job => {
        attempts.push(job.attempt);
      });
      await waitFor(
        async () => (await queue.getJob(jobId))?.state === 'completed',
        10000,
      );

      expect(attempts).toEqual([2]);
      expect(await queue.getJob(jobId)).toMatchObject({ attempt: 2 });
    } finally {
      child.kill('SIGKILL');
      await service.close();
    }
  }, 40000);
});
