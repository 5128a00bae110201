import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './constants';
import { InProcessJobQueue } from './InProcessJobQueue';
import type { JobQueue, JobQueueService } from './types';
import { validateQueueName } from './validateQueueName';

/**
 * Options of {@link InProcessJobQueueService.create}.
 *
 * @public
 */
export interface InProcessJobQueueServiceOptions {
  /** Logger; the service logs through a child `{ component: 'job-queue' }`. */
  logger: LoggerService;
  /**
   * Bound of the wait for running handlers in {@link
   * InProcessJobQueueService.close}, in milliseconds. Default: 20000.
   */
  shutdownTimeoutMs?: number;
}

/**
 * The embedded {@link JobQueueService}, used when Redis is not configured:
 * the same contract as {@link BullMqJobQueueService}, with jobs in memory
 * and handlers on this process.
 *
 * @remarks
 *
 * Jobs live in memory only. Waiting, delayed and running jobs are lost when
 * the process stops, and nothing runs them again by itself: on restart,
 * callers re-enqueue the work that the database records as unfinished (the
 * pipelines plugin's reconciler does so).
 *
 * @public
 */
export class InProcessJobQueueService implements JobQueueService {
  readonly #logger: LoggerService;
  readonly #shutdownTimeoutMs: number;
  readonly #queues = new Map<string, InProcessJobQueue<any>>();
  #closing: Promise<void> | undefined;

  /** Creates the service. */
  static create(options: InProcessJobQueueServiceOptions) {
    return new InProcessJobQueueService(options);
  }

  private constructor(options: InProcessJobQueueServiceOptions) {
    this.#logger = options.logger.child({ component: 'job-queue' });
    this.#shutdownTimeoutMs =
      options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
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
      queue = new InProcessJobQueue<TData>({
        name,
        logger: this.#logger,
        shutdownTimeoutMs: this.#shutdownTimeoutMs,
      });
      this.#queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Stops taking jobs and waits for running handlers to finish, at most the
   * shutdown timeout, then aborts the signals of those still running. The
   * default factory calls it when the backend shuts down.
   */
  close(): Promise<void> {
    this.#closing ??= Promise.all(
      [...this.#queues.values()].map(queue => queue.close()),
    ).then(() => undefined);
    return this.#closing;
  }
}
