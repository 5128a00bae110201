import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { assertRedisReachable } from './assertRedisReachable';
import { DefaultRedisService } from './DefaultRedisService';
import { readRedisConfig } from './readRedisConfig';
import type { RedisService } from './types';

/**
 * The shared Redis connection factory, root scoped.
 *
 * @remarks
 *
 * The default factory reads `golive.redis`. When `golive.redis.url` is set it
 * fails the backend start, within `golive.redis.connectTimeoutMs`, if the
 * server does not answer; it closes every connection it made on root
 * shutdown. When the key is absent the service reports that Redis is not
 * configured.
 *
 * @public
 */
export const redisServiceRef = createServiceRef<RedisService>({
  id: 'golive.redis',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        lifecycle: coreServices.rootLifecycle,
        logger: coreServices.rootLogger,
      },
      async factory({ config, lifecycle, logger }) {
        const redisConfig = readRedisConfig(config);
        if (redisConfig) {
          await assertRedisReachable(redisConfig);
          logger
            .child({ component: 'redis' })
            .info('Redis is reachable', { address: redisConfig.address });
        }

        const redis = DefaultRedisService.create({ config: redisConfig });
        lifecycle.addShutdownHook(() => redis.close());
        return redis;
      },
    }),
});
