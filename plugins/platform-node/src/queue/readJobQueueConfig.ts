import type { Config } from '@backstage/config';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './constants';

/**
 * Job queue settings read from `golive.queue`.
 *
 * @public
 */
export interface JobQueueConfig {
  /** Prefix of every BullMQ key in Redis. */
  prefix: string;
  /** Lock duration of BullMQ workers, in milliseconds. */
  lockDurationMs: number;
  /** Bound of the wait for running handlers on shutdown, in milliseconds. */
  shutdownTimeoutMs: number;
}

/**
 * Reads and validates `golive.queue`, with defaults applied.
 *
 * @public
 */
export function readJobQueueConfig(config: Config): JobQueueConfig {
  const prefix = config.getOptionalString('golive.queue.prefix') ?? 'golive';
  if (!/^[A-Za-z0-9:._-]+$/.test(prefix)) {
    throw new Error(
      "Invalid config at 'golive.queue.prefix', expected letters, digits, ':', '.', '_' or '-'",
    );
  }

  return {
    prefix,
    lockDurationMs: readDuration(config, 'lockDurationMs', 30000),
    shutdownTimeoutMs: readDuration(
      config,
      'shutdownTimeoutMs',
      DEFAULT_SHUTDOWN_TIMEOUT_MS,
    ),
  };
}

function readDuration(config: Config, key: string, defaultMs: number) {
  const value = config.getOptionalNumber(`golive.queue.${key}`) ?? defaultMs;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(
      `Invalid config at 'golive.queue.${key}', expected a positive whole number of milliseconds`,
    );
  }
  return value;
}
