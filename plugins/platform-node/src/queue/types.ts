import type { JsonObject } from '@backstage/types';

/**
 * What a handler gets for one attempt of a job.
 *
 * @public
 */
export interface JobContext<TData extends JsonObject = JsonObject> {
  /** Id of the job in its queue, given at add or generated (a UUID). */
  id: string;
  /** Name of the queue the job came from. */
  queueName: string;
  /** A fresh copy of the data given at add: ids only. */
  data: TData;
  /**
   * Number of this attempt, counting from 1. It counts every start of the
   * job, including a restart after a worker died, so it only grows and can
   * serve as a fencing token; after such a restart it may exceed
   * `maxAttempts`.
   */
  attempt: number;
  /** How many attempts the job may use before it ends failed. */
  maxAttempts: number;
  /**
   * Aborted when the queue shuts down and this attempt outlives the
   * shutdown timeout. Long handlers should stop early when it fires.
   */
  signal: AbortSignal;
}

/**
 * Does the work of one attempt of a job. Resolving completes the job;
 * throwing fails the attempt, which is retried with exponential backoff
 * until the job's attempts are used up, unless the error is a
 * {@link PermanentJobError}.
 *
 * @remarks
 *
 * The queue delivers jobs at least once: a handler must be idempotent, and
 * record its outcome in the database (the system of record) before it
 * resolves.
 *
 * @public
 */
export type JobHandler<TData extends JsonObject = JsonObject> = (
  job: JobContext<TData>,
) => Promise<void>;

/**
 * Options of {@link JobQueue.add}.
 *
 * @public
 */
export interface AddJobOptions {
  /**
   * Id of the job, which deduplicates it: adding a job whose id the queue
   * still holds (waiting, delayed, active, or among the recently finished
   * jobs it keeps) adds nothing. Letters, digits, `.`, `_` and `-`, not only
   * digits, at most 200 characters. Default: a new UUID.
   */
  jobId?: string;
  /** Milliseconds to wait before the job may run. Default: 0. */
  delayMs?: number;
  /** Attempts before the job ends failed, at least 1. Default: 3. */
  attempts?: number;
  /**
   * Backoff before the first retry, in milliseconds; each further retry
   * waits twice as long as the one before. Default: 1000.
   */
  backoffDelayMs?: number;
}

/**
 * Outcome of {@link JobQueue.add}.
 *
 * @public
 */
export interface AddJobResult {
  /** Id of the job. */
  jobId: string;
  /**
   * True when the queue already held a job with this id, so this add
   * changed nothing.
   */
  deduplicated: boolean;
}

/**
 * Options of {@link JobQueue.process}.
 *
 * @public
 */
export interface ProcessJobsOptions {
  /**
   * Most handlers this worker runs at once, at least 1. Default: 1.
   */
  concurrency?: number;
}

/**
 * A running consumer of a queue, from {@link JobQueue.process}.
 *
 * @public
 */
export interface JobWorker {
  /**
   * Stops taking jobs and waits for the running handlers to finish, at
   * most the queue's shutdown timeout. Handlers still running then have
   * their signal aborted and are abandoned: with BullMQ their jobs run
   * again on another worker once their lock expires.
   */
  close(): Promise<void>;
}

/**
 * State of a job held by a queue. A job waiting out a retry backoff is
 * `delayed`.
 *
 * @public
 */
export type JobState =
  | 'waiting'
  | 'delayed'
  | 'active'
  | 'completed'
  | 'failed';

/**
 * A snapshot of one job, from {@link JobQueue.getJob}.
 *
 * @public
 */
export interface JobInfo<TData extends JsonObject = JsonObject> {
  /** Id of the job. */
  id: string;
  /** State at the time of the call. */
  state: JobState;
  /** The data given at add. */
  data: TData;
  /** Number of the latest attempt started, 0 before the first. */
  attempt: number;
  /** Message of the error that failed the job, when it failed. */
  failedReason?: string;
}

/**
 * Number of jobs a queue holds, by state.
 *
 * @public
 */
export type JobCounts = Record<JobState, number>;

/**
 * One named queue of jobs.
 *
 * @public
 */
export interface JobQueue<TData extends JsonObject = JsonObject> {
  /** Name of the queue. */
  readonly name: string;

  /**
   * Adds a job. The data carries ids only (of a run, a job, an attempt),
   * never secrets or payloads: handlers read the rest from the database.
   *
   * @throws InputError when the data is not a plain JSON object or an
   * option is invalid.
   */
  add(data: TData, options?: AddJobOptions): Promise<AddJobResult>;

  /**
   * Starts a worker that runs the handler for each job of this queue.
   * Several workers, in one process or many, may consume one queue.
   */
  process(
    handler: JobHandler<TData>,
    options?: ProcessJobsOptions,
  ): Promise<JobWorker>;

  /**
   * Reads one job, or undefined when the queue does not hold it (never
   * added, lost, or finished and no longer kept). A reconciler compares this
   * with what the database recorded to re-enqueue lost work.
   */
  getJob(jobId: string): Promise<JobInfo<TData> | undefined>;

  /** Counts the jobs this queue holds, by state. */
  getJobCounts(): Promise<JobCounts>;
}

/**
 * The job queue shared by GoLive plugins: BullMQ on Redis when
 * `golive.redis.url` is set, an in-process queue with the same contract
 * otherwise.
 *
 * @remarks
 *
 * Delivery is at least once. The in-process queue keeps its jobs in memory:
 * they are lost when the backend stops, and callers re-enqueue what the
 * database recorded as unfinished when it starts again.
 *
 * @public
 */
export interface JobQueueService {
  /**
   * Gets the queue of the given name, such as `pipelines.jobs`: lower-case
   * letters, digits, `.` and `-`.
   *
   * @remarks
   *
   * Declare `TData` as a type alias (`type RunJobData = { runId: string }`):
   * interfaces do not satisfy the JSON object constraint.
   *
   * @throws InputError when the name is invalid.
   */
  getQueue<TData extends JsonObject = JsonObject>(
    name: string,
  ): JobQueue<TData>;
}
