import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisUrl } from './settings';

/** A unique key prefix on the shared Redis, whose keys are removed after. */
export interface BenchRedis {
  url: string;
  prefix: string;
  /** A new connection; closed by `cleanup`. */
  connect(options?: { maxRetriesPerRequest?: null }): Redis;
  cleanup(): Promise<number>;
}

export function createBenchRedis(label: string): BenchRedis {
  const prefix = `golive-bench-${label}-${randomBytes(4).toString('hex')}`;
  const connections: Redis[] = [];

  return {
    url: redisUrl,
    prefix,
    connect(options) {
      const connection = new Redis(redisUrl, options ?? {});
      connections.push(connection);
      return connection;
    },
    async cleanup() {
      const admin = new Redis(redisUrl);
      let removed = 0;
      try {
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(
            cursor,
            'MATCH',
            `${prefix}:*`,
            'COUNT',
            1000,
          );
          cursor = next;
          if (keys.length > 0) {
            removed += await admin.del(...keys);
          }
        } while (cursor !== '0');
      } finally {
        admin.disconnect();
        for (const connection of connections) {
          connection.disconnect();
        }
      }
      return removed;
    },
  };
}
