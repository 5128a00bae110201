import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { createServer } from 'node:net';
import { redisServiceRef } from './redisServiceRef';
import type { RedisService } from './types';
import { TEST_REDIS_URL } from './__testUtils__/testRedis';

async function startWithRedis(data: JsonObject) {
  let redis: RedisService | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: { service: redisServiceRef },
            async init({ service }) {
              redis = service;
            },
          });
        },
      }),
    ],
  });
  return { backend, redis: redis! };
}

describe('redisServiceRef', () => {
  it('reports no Redis when golive.redis.url is absent', async () => {
    const { backend, redis } = await startWithRedis({});

    expect(redis.isConfigured()).toBe(false);
    expect(redis.getAddress()).toBeUndefined();
    expect(() => redis.createClient()).toThrow(
      "Redis is not configured, set 'golive.redis.url' to use it",
    );
    await backend.stop();
  });

  it('makes connections and closes them when the backend stops', async () => {
    const { backend, redis } = await startWithRedis({
      golive: { redis: { url: TEST_REDIS_URL } },
    });

    const client = redis.createClient({ connectionName: 'golive:test' });
    expect(redis.isConfigured()).toBe(true);
    expect(await client.ping()).toBe('PONG');
    await backend.stop();

    expect(client.status).toBe('end');
  });

  it('fails the start within the timeout when Redis is unreachable', async () => {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise(resolve => server.close(resolve));

    const startedAt = Date.now();
    await expect(
      startWithRedis({
        golive: {
          redis: {
            url: `redis://:hunter2@127.0.0.1:${port}`,
            connectTimeoutMs: 1000,
          },
        },
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          new RegExp(
            `Redis is unreachable at 127\\.0\\.0\\.1:${port} \\(golive\\.redis\\.url\\), (?!.*hunter2)`,
          ),
        ),
      }),
    );
    expect(Date.now() - startedAt).toBeLessThan(1000 + 3000);
  });
});
