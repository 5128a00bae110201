import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  TEST_REDIS_URL,
} from '../redis/__testUtils__/testRedis';
import { BullMqJobQueueService } from './BullMqJobQueueService';
import { InProcessJobQueueService } from './InProcessJobQueueService';
import { jobQueueServiceRef } from './jobQueueServiceRef';
import type { JobQueueService } from './types';
import { waitFor } from './__testUtils__/waitFor';

async function startWithJobQueue(data: JsonObject) {
  let jobQueue: JobQueueService | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: { service: jobQueueServiceRef },
            async init({ service }) {
              jobQueue = service;
            },
          });
        },
      }),
    ],
  });
  return { backend, jobQueue: jobQueue! };
}

describe('jobQueueServiceRef', () => {
  const prefix = `golive-test-${randomUUID()}`;
  let connection: Redis;

  beforeAll(async () => {
    connection = await connectTestRedis();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(connection, `${prefix}:`);
    await connection.quit();
  });

  const setups = [
    {
      name: 'in-process',
      config: {},
      implementation: InProcessJobQueueService,
    },
    {
      name: 'BullMQ',
      config: { golive: { redis: { url: TEST_REDIS_URL }, queue: { prefix } } },
      implementation: BullMqJobQueueService,
    },
  ];

  it.each(setups)(
    'provides the $name queue and drains it when the backend stops',
    async ({ config, implementation }) => {
      const { backend, jobQueue } = await startWithJobQueue(config);
      const queue = jobQueue.getQueue('drain');
      let started = false;
      let finished = false;
      await queue.process(async () => {
        started = true;
        await new Promise(resolve => setTimeout(resolve, 300));
        finished = true;
      });

      await queue.add({ runId: 'run-1' });
      await waitFor(() => started);
      await backend.stop();

      expect(jobQueue).toBeInstanceOf(implementation);
      expect(finished).toBe(true);
    },
  );

  it('keeps BullMQ jobs in Redis under the configured prefix', async () => {
    const { backend, jobQueue } = await startWithJobQueue({
      golive: { redis: { url: TEST_REDIS_URL }, queue: { prefix } },
    });
    const { jobId } = await jobQueue
      .getQueue('kept')
      .add({ runId: 'run-1' }, { delayMs: 60000 });
    await backend.stop();

    expect(await connection.exists(`${prefix}:kept:${jobId}`)).toBe(1);
  });

  it('rejects an invalid queue config', async () => {
    await expect(
      startWithJobQueue({ golive: { queue: { lockDurationMs: 0 } } }),
    ).rejects.toThrow("Invalid config at 'golive.queue.lockDurationMs'");
  });
});
