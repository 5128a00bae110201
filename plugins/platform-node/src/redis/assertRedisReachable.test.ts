import { createServer, type Server, type Socket } from 'node:net';
import { assertRedisReachable } from './assertRedisReachable';
import { TEST_REDIS_URL } from './__testUtils__/testRedis';

async function listen(server: Server): Promise<number> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') {
    throw new Error('Server has no port');
  }
  return address.port;
}

describe('assertRedisReachable', () => {
  it('resolves when Redis answers', async () => {
    await expect(
      assertRedisReachable({
        url: TEST_REDIS_URL,
        address: 'test',
        connectTimeoutMs: 2000,
      }),
    ).resolves.toBeUndefined();
  });

  it('fails at once naming host and port but not the password when the port is closed', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise(resolve => server.close(resolve));

    const startedAt = Date.now();
    const error = await assertRedisReachable({
      url: `redis://:hunter2@127.0.0.1:${port}`,
      address: `127.0.0.1:${port}`,
      connectTimeoutMs: 3000,
    }).catch(e => e);

    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      new RegExp(`^Redis is unreachable at 127\\.0\\.0\\.1:${port} `),
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('fails within the timeout when the server never answers', async () => {
    const sockets: Socket[] = [];
    const server = createServer(socket => sockets.push(socket));
    const port = await listen(server);

    try {
      const startedAt = Date.now();
      const error = await assertRedisReachable({
        url: `redis://127.0.0.1:${port}`,
        address: `127.0.0.1:${port}`,
        connectTimeoutMs: 300,
      }).catch(e => e);
      const elapsed = Date.now() - startedAt;

      expect(error.message).toBe(
        `Redis is unreachable at 127.0.0.1:${port} (golive.redis.url), no answer within 300 ms`,
      );
      expect(elapsed).toBeGreaterThanOrEqual(285);
      expect(elapsed).toBeLessThan(300 + 1500);
    } finally {
      sockets.forEach(socket => socket.destroy());
      await new Promise(resolve => server.close(resolve));
    }
  });
});
