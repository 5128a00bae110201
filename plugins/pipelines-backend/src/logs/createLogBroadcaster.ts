import { LoggerService } from '@backstage/backend-plugin-api';
import type { RedisService } from '@golive/platform-node';
import { InProcessLogBroadcaster } from './InProcessLogBroadcaster';
import { RedisLogBroadcaster } from './RedisLogBroadcaster';
import { LogBroadcaster } from './types';

/**
 * Picks the {@link LogBroadcaster}: Redis pub/sub when `golive.redis.url`
 * is set, the in-process one otherwise.
 *
 * @public
 */
export function createLogBroadcaster(options: {
  redis: RedisService;
  logger: LoggerService;
}): LogBroadcaster {
  if (options.redis.isConfigured()) {
    return RedisLogBroadcaster.create(options);
  }
  return InProcessLogBroadcaster.create();
}
