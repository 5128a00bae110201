import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { Redis } from 'ioredis';
import { BullMqJobQueue } from './BullMqJobQueue';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './constants';
import type { JobQueue, JobQueueService } from './types';
import { validateQueueName } from './validateQueueName';

/**
 * Options of {@link BullMqJobQueueService.create}.
 *
 * @public
 */
export interface BullMqJobQueueServiceOptions {
  /**
   * Connection that the BullMQ workers share; each worker also opens a
   * blocking connection of its own from it. It needs
   * `maxRetriesPerRequest: null`. The caller owns it: the service leaves it
   * open on close.
   */
  connection: Redis;
  /** Logger; the service logs through a child `{ component: 'job-queue' }`. */
  logger: LoggerService;
  /** Prefix of every BullMQ key in Redis. Default: `golive`. */
  prefix?: string;
  /**
   * How long a worker holds a job lock without renewing it before the job
   * counts as stalled, in milliseconds. Default: 30000.
   */
  lockDurationMs?: number;
  /**
   * How often workers look for stalled jobs, in milliseconds. Default: the
   * lock duration.
   */
  stalledIntervalMs?: number;
  /**
   * Bound of the wait for running handlers in {@link
   * BullMqJobQueueService.close}, in milliseconds. Default: 20000.
   */
  shutdownTimeoutMs?: number;
}

/**
 * The {@link JobQueueService} on Redis, used when `golive.redis.url` is set:
 * BullMQ queues and workers, shared by every backend replica.
 *
 * @remarks
 *
 * Jobs survive restarts of the backend. A job whose worker process dies is
 * handed to another worker once its lock expires (BullMQ's stalled-job
 * check), with a higher attempt number. Adding fails fast while Redis is
 * down, so callers do not hang; the database stays the system of record and
 * a reconciler re-enqueues what the queue lost.
 *
 * @public
 */
export class BullMqJobQueueService implements JobQueueService {
  readonly #options: Required<BullMqJobQueueServiceOptions>;
  readonly #producerConnection: Redis;
  readonly #queues = new Map<string, BullMqJobQueue<any>>();
  #closing: Promise<void> | undefined;

  /** Creates the service. */
  static create(options: BullMqJobQueueServiceOptions) {
    return new BullMqJobQueueService(options);
  }

  private constructor(options: BullMqJobQueueServiceOptions) {
    const lockDurationMs = options.lockDurationMs ?? 30000;
    this.#options = {
      connection: options.connection,
      logger: options.logger.child({ component: 'job-queue' }),
      prefix: options.prefix ?? 'golive',
      lockDurationMs,
      stalledIntervalMs: options.stalledIntervalMs ?? lockDurationMs,
      shutdownTimeoutMs:
        options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    };
    // Workers wait for Redis to come back; an add should fail instead.
    this.#producerConnection = options.connection.duplicate({
      maxRetriesPerRequest: 2,
    });
  }

  getQueue<TData extends JsonObject = JsonObject>(
    name: string,
  ): JobQueue<TData> {
    validateQueueName(name);
    if (this.#closing) {
      throw new ServiceUnavailableError('The job queue service is closed');
    }

    let queue = this.#queues.get(name);
    if (!queue) {
      const { connection, ...options } = this.#options;
      queue = new BullMqJobQueue<TData>({
        ...options,
        name,
        producerConnection: this.#producerConnection,
        workerConnection: connection,
      });
      this.#queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Stops taking jobs and waits for running handlers to finish, at most the
   * shutdown timeout, then closes the BullMQ queues and workers. The default
   * factory calls it when the backend shuts down.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.all([...this.#queues.values()].map(q => q.close()));
      await this.#producerConnection.quit().catch(() => {
        this.#producerConnection.disconnect();
      });
    })();
    return this.#closing;
  }
}
