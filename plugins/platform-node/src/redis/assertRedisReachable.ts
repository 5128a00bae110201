import { ServiceUnavailableError } from '@backstage/errors';
import { Redis } from 'ioredis';
import type { RedisConfig } from './readRedisConfig';

/**
 * Checks that the configured Redis server answers a `PING` within
 * `connectTimeoutMs`, so that a backend fails its start with a clear message
 * instead of hanging or failing later on its first command.
 *
 * @throws ServiceUnavailableError naming the server's `host:port` (never the
 * password) when Redis is unreachable or refuses the connection.
 *
 * @public
 */
export async function assertRedisReachable(config: RedisConfig): Promise<void> {
  const client = new Redis(config.url, {
    lazyConnect: true,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'golive:probe',
  });
  // Failures surface through connect(); without a listener ioredis would
  // also report them as unhandled 'error' events.
  client.on('error', () => {});

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${config.connectTimeoutMs} ms`)),
      config.connectTimeoutMs,
    );
  });
  const probe = client.connect().then(() => client.ping());
  // The probe loses the race on timeout and rejects once disconnected.
  probe.catch(() => {});

  try {
    await Promise.race([probe, timeout]);
  } catch (error) {
    throw new ServiceUnavailableError(
      `Redis is unreachable at ${config.address} (golive.redis.url), ${describe(
        error,
        config.url,
      )}`,
    );
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describe(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const password = safePassword(url);
  return password ? message.split(password).join('***') : message;
}

function safePassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
