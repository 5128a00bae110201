import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  artifactStoreServiceRef,
  jobQueueServiceRef,
  outboundHttpServiceRef,
  redisServiceRef,
  secretsCipherServiceRef,
} from '@golive/platform-node';

/**
 * Brings up GoLive's shared services at start, before any user arrives, so
 * that a malformed `golive.*` value, a missing encryption key or an
 * unreachable Redis stops the start with a message instead of failing the
 * first request that needs them.
 */
export const goLivePlatformPlugin = createBackendPlugin({
  pluginId: 'golive',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        redis: redisServiceRef,
        jobQueue: jobQueueServiceRef,
        artifacts: artifactStoreServiceRef,
        secrets: secretsCipherServiceRef,
        http: outboundHttpServiceRef,
      },
      async init({ logger, redis }) {
        logger.info('GoLive platform services are ready', {
          redis: redis.getAddress() ?? 'not configured',
          jobQueue: redis.isConfigured() ? 'bullmq' : 'in-process',
        });
      },
    });
  },
});
