import { ConfigReader } from '@backstage/config';
import { readRedisConfig } from './readRedisConfig';

function read(redis: object) {
  return readRedisConfig(new ConfigReader({ golive: { redis } }));
}

describe('readRedisConfig', () => {
  it('returns undefined when golive.redis.url is absent', () => {
    expect(readRedisConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({ connectTimeoutMs: 1000 })).toBeUndefined();
  });

  it('reads the URL with the default timeout and port', () => {
    expect(read({ url: 'redis://:hunter2@redis.internal/0' })).toEqual({
      url: 'redis://:hunter2@redis.internal/0',
      address: 'redis.internal:6379',
      connectTimeoutMs: 5000,
    });
    expect(
      read({ url: 'rediss://cache:6380', connectTimeoutMs: 800 }),
    ).toMatchObject({ address: 'cache:6380', connectTimeoutMs: 800 });
  });

  it('rejects a malformed URL naming the key but not the URL', () => {
    const malformed = [
      '',
      'not a url',
      'http://:hunter2@redis:6379',
      'redis://:hunter2@:6379',
      'redis://:hunter2@redis:6379/zero',
      'redis://:hunter2@redis:99999',
    ];
    for (const url of malformed) {
      let message = '';
      try {
        read({ url });
      } catch (error) {
        message = String(error);
      }
      expect(message).toContain("'golive.redis.url'");
      expect(message).not.toContain('hunter2');
    }
  });

  it('rejects a timeout that is not a positive whole number', () => {
    for (const connectTimeoutMs of [0, -5, 1.5]) {
      expect(() => read({ url: 'redis://redis', connectTimeoutMs })).toThrow(
        "Invalid config at 'golive.redis.connectTimeoutMs'",
      );
    }
  });
});
