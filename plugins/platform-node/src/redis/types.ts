import type { Redis } from 'ioredis';

/**
 * Options of a connection made by {@link RedisService.createClient}.
 *
 * @public
 */
export interface RedisClientOptions {
  /**
   * Name of the connection as `CLIENT LIST` shows it, such as
   * `golive:pipelines`. Default: none.
   */
  connectionName?: string;
  /**
   * How many times a command is retried while the connection is down
   * before it fails. BullMQ workers and other blocking readers need
   * `null` (wait for ever). Default: 20, the ioredis default.
   */
  maxRetriesPerRequest?: number | null;
}

/**
 * Shared Redis connection factory of GoLive, configured by
 * `golive.redis.url`.
 *
 * @remarks
 *
 * Absent config means "no Redis": {@link RedisService.isConfigured} returns
 * false and callers pick their embedded fallback (the job queue runs
 * in-process, live logs stay in the process). When Redis is configured, the
 * default factory checks that the server answers before the backend starts,
 * and closes every connection it made on root shutdown.
 *
 * @public
 */
export interface RedisService {
  /**
   * Whether `golive.redis.url` is set. When false,
   * {@link RedisService.createClient} throws.
   */
  isConfigured(): boolean;

  /**
   * The `host:port` of the configured server, for log and error messages
   * (never the password). Undefined when Redis is not configured.
   */
  getAddress(): string | undefined;

  /**
   * Opens a new connection to the configured server. The service closes it
   * on root shutdown; callers may `quit()` it earlier.
   *
   * @throws Error when Redis is not configured.
   */
  createClient(options?: RedisClientOptions): Redis;
}
