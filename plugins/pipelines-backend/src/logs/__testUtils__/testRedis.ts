import { ConfigReader } from '@backstage/config';
import {
  assertRedisReachable,
  DefaultRedisService,
  readRedisConfig,
} from '@golive/platform-node';

/** URL of the Redis server that tests use. */
export const TEST_REDIS_URL =
  process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING ??
  'redis://127.0.0.1:6379';

/**
 * A Redis service on the test server; fails (never skips) when the server
 * does not answer within two seconds.
 */
export async function createTestRedisService(): Promise<DefaultRedisService> {
  const config = readRedisConfig(
    new ConfigReader({
      golive: { redis: { url: TEST_REDIS_URL, connectTimeoutMs: 2000 } },
    }),
  )!;
  await assertRedisReachable(config);
  return DefaultRedisService.create({ config });
}
