import type { Config } from '@backstage/config';

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_PORT = 6379;

/**
 * Redis settings read from `golive.redis`.
 *
 * @public
 */
export interface RedisConfig {
  /** The connection URL, password included: never log it. */
  url: string;
  /** `host:port` of the server, safe to show in messages. */
  address: string;
  /** How long a start waits for Redis, in milliseconds. */
  connectTimeoutMs: number;
}

/**
 * Reads and validates `golive.redis`. Returns undefined when
 * `golive.redis.url` is absent, which means "no Redis".
 *
 * @remarks
 *
 * Errors name the config key but never repeat the URL, since it may carry a
 * password.
 *
 * @public
 */
export function readRedisConfig(config: Config): RedisConfig | undefined {
  const url = config.getOptionalString('golive.redis.url');
  if (url === undefined) {
    return undefined;
  }

  const connectTimeoutMs =
    config.getOptionalNumber('golive.redis.connectTimeoutMs') ??
    DEFAULT_CONNECT_TIMEOUT_MS;
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs <= 0) {
    throw new Error(
      "Invalid config at 'golive.redis.connectTimeoutMs', expected a positive whole number of milliseconds",
    );
  }

  return { url, address: parseRedisAddress(url), connectTimeoutMs };
}

function parseRedisAddress(url: string): string {
  const invalid = () =>
    new Error(
      "Invalid config at 'golive.redis.url', expected a URL such as redis://:password@redis:6379/0 (scheme redis or rediss)",
    );

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid();
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw invalid();
  }
  if (!parsed.hostname || !/^(\/\d*)?$/.test(parsed.pathname)) {
    throw invalid();
  }

  return `${parsed.hostname}:${parsed.port || DEFAULT_PORT}`;
}
