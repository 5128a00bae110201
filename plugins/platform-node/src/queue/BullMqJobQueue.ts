import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { JobState as BullMqJobState } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KEEP_FINISHED_JOBS } from './constants';
import { PermanentJobError } from './PermanentJobError';
import { resolveJobOptions } from './resolveJobOptions';
import { RunningHandlers } from './RunningHandlers';
import type {
  AddJobOptions,
  AddJobResult,
  JobCounts,
  JobHandler,
  JobInfo,
  JobQueue,
  JobState,
  JobWorker,
  ProcessJobsOptions,
} from './types';
import { validateJobData } from './validateJobData';

interface WorkerEntry {
  worker: Worker;
  handlers: RunningHandlers;
  closing?: Promise<void>;
}

/**
 * One queue of the {@link BullMqJobQueueService}: a BullMQ `Queue` to add
 * and read jobs, and a BullMQ `Worker` per {@link JobQueue.process} call.
 */
export class BullMqJobQueue<TData extends JsonObject>
  implements JobQueue<TData>
{
  readonly name: string;
  readonly #queue: Queue;
  readonly #workerConnection: Redis;
  readonly #prefix: string;
  readonly #lockDurationMs: number;
  readonly #stalledIntervalMs: number;
  readonly #shutdownTimeoutMs: number;
  readonly #logger: LoggerService;
  readonly #workers = new Set<WorkerEntry>();
  #closed = false;

  constructor(options: {
    name: string;
    producerConnection: Redis;
    workerConnection: Redis;
    prefix: string;
    lockDurationMs: number;
    stalledIntervalMs: number;
    shutdownTimeoutMs: number;
    logger: LoggerService;
  }) {
    this.name = options.name;
    this.#workerConnection = options.workerConnection;
    this.#prefix = options.prefix;
    this.#lockDurationMs = options.lockDurationMs;
    this.#stalledIntervalMs = options.stalledIntervalMs;
    this.#shutdownTimeoutMs = options.shutdownTimeoutMs;
    this.#logger = options.logger;
    this.#queue = new Queue(this.name, {
      connection: options.producerConnection,
      prefix: this.#prefix,
    });
    this.#queue.on('error', error => this.#logError(error));
  }

  async add(data: TData, options?: AddJobOptions): Promise<AddJobResult> {
    validateJobData(data);
    const resolved = resolveJobOptions(options);
    this.#assertOpen();

    // BullMQ answers alike whether it added the job or found one with the
    // same id. The job name, a token unique to this add, tells which.
    const addToken = randomUUID();
    try {
      await this.#queue.add(addToken, data, {
        jobId: resolved.jobId,
        delay: resolved.delayMs,
        attempts: resolved.attempts,
        backoff: { type: 'exponential', delay: resolved.backoffDelayMs },
        removeOnComplete: { count: KEEP_FINISHED_JOBS },
        removeOnFail: { count: KEEP_FINISHED_JOBS },
      });
      if (!resolved.jobIdGiven) {
        return { jobId: resolved.jobId, deduplicated: false };
      }
      // A job already gone again can only be this one, run and dropped.
      const stored = await this.#queue.getJob(resolved.jobId);
      const deduplicated = stored !== undefined && stored.name !== addToken;
      return { jobId: resolved.jobId, deduplicated };
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not add a job to queue "${this.name}"`,
        error,
      );
    }
  }

  async process(
    handler: JobHandler<TData>,
    options?: ProcessJobsOptions,
  ): Promise<JobWorker> {
    const concurrency = options?.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new InputError(
        `Invalid concurrency ${concurrency}, expected a whole number of at least 1`,
      );
    }
    this.#assertOpen();

    const handlers = new RunningHandlers();
    const worker = new Worker<TData>(
      this.name,
      async job => {
        try {
          await handlers.run(signal =>
            handler({
              id: job.id!,
              queueName: this.name,
              data: job.data,
              attempt: job.attemptsStarted,
              maxAttempts: job.opts.attempts ?? 1,
              signal,
            }),
          );
        } catch (error) {
          if (PermanentJobError.is(error)) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      },
      {
        connection: this.#workerConnection,
        prefix: this.#prefix,
        concurrency,
        lockDuration: this.#lockDurationMs,
        stalledInterval: this.#stalledIntervalMs,
      },
    );
    this.#forwardEvents(worker);

    const entry: WorkerEntry = { worker, handlers };
    this.#workers.add(entry);
    await worker.waitUntilReady();
    return { close: () => this.#closeWorker(entry) };
  }

  async getJob(jobId: string): Promise<JobInfo<TData> | undefined> {
    const job = await this.#queue.getJob(jobId);
    const state = job && toJobState(await job.getState());
    if (!job || !state) {
      return undefined;
    }
    return {
      id: jobId,
      state,
      data: job.data,
      attempt: job.attemptsStarted,
      failedReason: state === 'failed' ? job.failedReason : undefined,
    };
  }

  async getJobCounts(): Promise<JobCounts> {
    const counts = await this.#queue.getJobCounts(
      'waiting',
      'prioritized',
      'waiting-children',
      'delayed',
      'active',
      'completed',
      'failed',
    );
    return {
      waiting: counts.waiting + counts.prioritized + counts['waiting-children'],
      delayed: counts.delayed,
      active: counts.active,
      completed: counts.completed,
      failed: counts.failed,
    };
  }

  /**
   * Stops every worker of this queue within the shutdown timeout, then the
   * BullMQ queue. Jobs stay in Redis for the next start.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#workers].map(e => this.#closeWorker(e)));
    await this.#queue.close();
  }

  #assertOpen() {
    if (this.#closed) {
      throw new ServiceUnavailableError(`Job queue "${this.name}" is closed`);
    }
  }

  #closeWorker(entry: WorkerEntry): Promise<void> {
    entry.closing ??= (async () => {
      // Pausing stops fetching at once, while the handlers run on.
      await entry.worker.pause(true);
      const drained = await entry.handlers.drain(this.#shutdownTimeoutMs);
      if (!drained) {
        this.#logger.warn('Job queue shutdown timed out, abandoning jobs', {
          queue: this.name,
          abandonedJobs: entry.handlers.size,
        });
      }
      // Forcing skips the wait for abandoned jobs and stops renewing their
      // locks, so that another worker picks them up once the locks expire.
      await entry.worker.close(!drained);
      this.#workers.delete(entry);
    })();
    return entry.closing;
  }

  #forwardEvents(worker: Worker) {
    const queue = this.name;
    worker.on('failed', (job, error) => {
      const meta = {
        queue,
        jobId: job?.id ?? null,
        attempt: job?.attemptsStarted ?? null,
        error: error.message,
      };
      // BullMQ sets finishedOn only when it gives up on the job.
      if (!job || job.finishedOn) {
        this.#logger.error('Job failed', meta);
      } else {
        this.#logger.warn('Job attempt failed, will retry', meta);
      }
    });
    worker.on('stalled', jobId => {
      this.#logger.warn('Job stalled, it will run again', { queue, jobId });
    });
    worker.on('lockRenewalFailed', jobIds => {
      this.#logger.warn('Job lock renewal failed', { queue, jobIds });
    });
    worker.on('error', error => this.#logError(error));
  }

  #logError(error: Error) {
    this.#logger.error('Job queue error', {
      queue: this.name,
      error: error.message,
    });
  }
}

function toJobState(state: BullMqJobState | 'unknown'): JobState | undefined {
  switch (state) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return undefined;
  }
}
