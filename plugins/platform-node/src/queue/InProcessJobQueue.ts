import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
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

interface StoredJob {
  id: string;
  serializedData: string;
  state: JobState;
  attempt: number;
  failedAttempts: number;
  maxAttempts: number;
  backoffDelayMs: number;
  failedReason?: string;
  timer?: NodeJS.Timeout;
}

interface Worker<TData extends JsonObject> {
  handler: JobHandler<TData>;
  concurrency: number;
  handlers: RunningHandlers;
  closing?: Promise<void>;
}

/**
 * One queue of the {@link InProcessJobQueueService}: jobs live in memory
 * and run on workers of this process, with real timers for delays and
 * backoff.
 */
export class InProcessJobQueue<TData extends JsonObject>
  implements JobQueue<TData>
{
  readonly name: string;
  readonly #logger: LoggerService;
  readonly #shutdownTimeoutMs: number;
  readonly #jobs = new Map<string, StoredJob>();
  readonly #waiting: StoredJob[] = [];
  readonly #finished = { completed: [] as string[], failed: [] as string[] };
  readonly #workers = new Set<Worker<TData>>();
  #closed = false;

  constructor(options: {
    name: string;
    logger: LoggerService;
    shutdownTimeoutMs: number;
  }) {
    this.name = options.name;
    this.#logger = options.logger;
    this.#shutdownTimeoutMs = options.shutdownTimeoutMs;
  }

  async add(data: TData, options?: AddJobOptions): Promise<AddJobResult> {
    const serializedData = validateJobData(data);
    const resolved = resolveJobOptions(options);
    this.#assertOpen();

    if (this.#jobs.has(resolved.jobId)) {
      return { jobId: resolved.jobId, deduplicated: true };
    }

    const job: StoredJob = {
      id: resolved.jobId,
      serializedData,
      state: 'waiting',
      attempt: 0,
      failedAttempts: 0,
      maxAttempts: resolved.attempts,
      backoffDelayMs: resolved.backoffDelayMs,
    };
    this.#jobs.set(job.id, job);
    if (resolved.delayMs > 0) {
      this.#delay(job, resolved.delayMs);
    } else {
      this.#enqueue(job);
    }
    return { jobId: job.id, deduplicated: false };
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

    const worker: Worker<TData> = {
      handler,
      concurrency,
      handlers: new RunningHandlers(),
    };
    this.#workers.add(worker);
    this.#dispatch();
    return { close: () => this.#closeWorker(worker) };
  }

  async getJob(jobId: string): Promise<JobInfo<TData> | undefined> {
    const job = this.#jobs.get(jobId);
    if (!job) {
      return undefined;
    }
    return {
      id: job.id,
      state: job.state,
      data: JSON.parse(job.serializedData),
      attempt: job.attempt,
      failedReason: job.failedReason,
    };
  }

  async getJobCounts(): Promise<JobCounts> {
    const counts = {
      waiting: 0,
      delayed: 0,
      active: 0,
      completed: 0,
      failed: 0,
    };
    for (const job of this.#jobs.values()) {
      counts[job.state] += 1;
    }
    return counts;
  }

  /**
   * Stops every worker of this queue within the shutdown timeout and drops
   * the timers of delayed jobs: those jobs are lost with the process.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#workers].map(w => this.#closeWorker(w)));
    for (const job of this.#jobs.values()) {
      clearTimeout(job.timer);
    }
  }

  #assertOpen() {
    if (this.#closed) {
      throw new ServiceUnavailableError(`Job queue "${this.name}" is closed`);
    }
  }

  #closeWorker(worker: Worker<TData>): Promise<void> {
    worker.closing ??= (async () => {
      const drained = await worker.handlers.drain(this.#shutdownTimeoutMs);
      if (!drained) {
        this.#logger.warn('Job queue shutdown timed out, abandoning jobs', {
          queue: this.name,
          abandonedJobs: worker.handlers.size,
        });
      }
      this.#workers.delete(worker);
    })();
    return worker.closing;
  }

  #delay(job: StoredJob, delayMs: number) {
    job.state = 'delayed';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      this.#enqueue(job);
    }, delayMs);
  }

  #enqueue(job: StoredJob) {
    job.state = 'waiting';
    this.#waiting.push(job);
    this.#dispatch();
  }

  #dispatch() {
    for (const worker of this.#workers) {
      while (
        !worker.closing &&
        worker.handlers.size < worker.concurrency &&
        this.#waiting.length > 0
      ) {
        this.#start(worker, this.#waiting.shift()!);
      }
    }
  }

  #start(worker: Worker<TData>, job: StoredJob) {
    job.state = 'active';
    job.attempt += 1;
    const attempt = job.attempt;

    worker.handlers
      .run(signal =>
        worker.handler({
          id: job.id,
          queueName: this.name,
          data: JSON.parse(job.serializedData),
          attempt,
          maxAttempts: job.maxAttempts,
          signal,
        }),
      )
      .then(
        () => this.#finish(job, 'completed'),
        error => this.#fail(job, attempt, error),
      )
      .finally(() => this.#dispatch());
  }

  #fail(job: StoredJob, attempt: number, error: unknown) {
    job.failedAttempts += 1;
    const reason = error instanceof Error ? error.message : String(error);
    const meta = { queue: this.name, jobId: job.id, attempt, error: reason };

    if (PermanentJobError.is(error) || job.failedAttempts >= job.maxAttempts) {
      job.failedReason = reason;
      this.#logger.error('Job failed', meta);
      this.#finish(job, 'failed');
      return;
    }

    this.#logger.warn('Job attempt failed, will retry', meta);
    if (this.#closed) {
      // No timer after close: the retry is lost with the process.
      job.state = 'delayed';
    } else {
      this.#delay(job, job.backoffDelayMs * 2 ** (job.failedAttempts - 1));
    }
  }

  #finish(job: StoredJob, state: 'completed' | 'failed') {
    job.state = state;
    const finished = this.#finished[state];
    finished.push(job.id);
    while (finished.length > KEEP_FINISHED_JOBS) {
      this.#jobs.delete(finished.shift()!);
    }
  }
}
