import { Redis } from 'ioredis';
import { assertRedisReachable } from '../assertRedisReachable';
import { readRedisConfig } from '../readRedisConfig';
import { ConfigReader } from '@backstage/config';

/** URL of the Redis server that tests use. */
export const TEST_REDIS_URL =
  process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING ??
  'redis://127.0.0.1:6379';

/**
 * Connects to the test Redis, failing (never skipping) when it does not
 * answer within two seconds. The connection suits BullMQ workers.
 */
export async function connectTestRedis(): Promise<Redis> {
  const config = readRedisConfig(
    new ConfigReader({
      golive: { redis: { url: TEST_REDIS_URL, connectTimeoutMs: 2000 } },
    }),
  );
  await assertRedisReachable(config!);
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

/** Deletes every key that starts with the prefix. */
export async function deleteKeysWithPrefix(client: Redis, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      1000,
    );
    if (keys.length > 0) {
      await client.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
}
