import type { LogLine } from '@golive/plugin-pipelines-common';

/**
 * Filters of {@link LogStore.read}.
 *
 * @public
 */
export interface LogReadOptions {
  /** Only lines with a greater sequence number. Default: 0. */
  after?: number;
  /** Most lines to return, 1 to 10000. Default: 1000. */
  limit?: number;
  /** Only the lines of this step. */
  stepIndex?: number;
  /** Only lines containing this text, ignoring case. */
  search?: string;
}

/**
 * Stored log lines of jobs, in sequence order.
 *
 * @public
 */
export interface LogStore {
  /** Stores lines in one batched write; sequence numbers must be new. */
  append(jobId: string, lines: LogLine[]): Promise<void>;
  /** Reads lines in sequence order. */
  read(jobId: string, options?: LogReadOptions): Promise<LogLine[]>;
  /** Records that the job's log was cut at its limit. */
  markTruncated(jobId: string): Promise<void>;
  isTruncated(jobId: string): Promise<boolean>;
  /** The greatest stored sequence number of the job; 0 when none. */
  lastSeq(jobId: string): Promise<number>;
  /** Bytes (UTF-8) of the stored text of the job; 0 when none. */
  byteCount(jobId: string): Promise<number>;
}

/**
 * What a {@link LogBroadcaster} delivers to subscribers of a job.
 *
 * @public
 */
export type LogEvent = { type: 'lines'; lines: LogLine[] } | { type: 'end' };

/**
 * Live fan-out of new log lines to the viewers of a job, across backend
 * instances when Redis is configured.
 *
 * @public
 */
export interface LogBroadcaster {
  /** Sends lines, already stored, to the current subscribers of the job. */
  publish(jobId: string, lines: LogLine[]): Promise<void>;
  /** Tells the subscribers of the job that its log is complete. */
  publishEnd(jobId: string): Promise<void>;
  /**
   * Listens to a job; events published after the returned promise resolves
   * reach the listener, in order. Resolves to the unsubscribe function.
   */
  subscribe(
    jobId: string,
    listener: (event: LogEvent) => void,
  ): Promise<() => Promise<void>>;
}
