import type { RedisService } from '@golive/platform-node';
import type { BenchRedis } from './benchRedis';

/** The platform's RedisService shape over the benchmark's connections. */
export function benchRedisService(redis: BenchRedis): RedisService {
  return {
    isConfigured: () => true,
    getAddress: () => new URL(redis.url).host,
    createClient: options =>
      redis.connect({
        ...(options?.maxRetriesPerRequest === null
          ? { maxRetriesPerRequest: null }
          : {}),
      }),
  };
}
