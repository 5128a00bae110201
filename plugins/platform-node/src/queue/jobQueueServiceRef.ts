import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { redisServiceRef } from '../redis';
import { BullMqJobQueueService } from './BullMqJobQueueService';
import { InProcessJobQueueService } from './InProcessJobQueueService';
import { readJobQueueConfig } from './readJobQueueConfig';
import type { JobQueueService } from './types';

/**
 * The job queue shared by GoLive plugins, root scoped.
 *
 * @remarks
 *
 * The default factory picks {@link BullMqJobQueueService} when
 * `golive.redis.url` is set and {@link InProcessJobQueueService} otherwise,
 * configured by `golive.queue`. It drains the queue in the root
 * before-shutdown hook: running handlers finish while plugin services and
 * the Redis connections, closed in the later shutdown hooks, are still up.
 *
 * @public
 */
export const jobQueueServiceRef = createServiceRef<JobQueueService>({
  id: 'golive.job-queue',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        lifecycle: coreServices.rootLifecycle,
        logger: coreServices.rootLogger,
        redis: redisServiceRef,
      },
      async factory({ config, lifecycle, logger, redis }) {
        const queueConfig = readJobQueueConfig(config);

        const jobQueue = redis.isConfigured()
          ? BullMqJobQueueService.create({
              ...queueConfig,
              logger,
              connection: redis.createClient({
                connectionName: `${queueConfig.prefix}:job-queue`,
                maxRetriesPerRequest: null,
              }),
            })
          : InProcessJobQueueService.create({
              logger,
              shutdownTimeoutMs: queueConfig.shutdownTimeoutMs,
            });
        lifecycle.addBeforeShutdownHook(() => jobQueue.close());
        return jobQueue;
      },
    }),
});
