import { ResponseError } from '@backstage/errors';
import { LogLine } from '@golive/plugin-pipelines-common';
import { parseEventStream } from './parseEventStream';

/** Options of {@link followLogStream}. */
export interface FollowLogStreamOptions {
  /**
   * Opens the stream; `lastSeq` is the last line already delivered (0 for
   * none), to be sent as `Last-Event-ID`.
   */
  connect(lastSeq: number, signal?: AbortSignal): Promise<Response>;
  after?: number;
  onLine(line: LogLine): void;
  signal?: AbortSignal;
  /** Consecutive failed connections before giving up. */
  maxRetries?: number;
  /** Wait before the n-th reconnection (from 1), in milliseconds. */
  retryDelayMs?: (attempt: number) => number;
}

const defaultRetryDelay = (attempt: number) =>
  Math.min(500 * 2 ** (attempt - 1), 10_000);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * Follows a job's live log until the server sends `end`, reconnecting after
 * drops from the last line seen. Lines are delivered in order and at most
 * once each, even when the server repeats lines around a reconnect.
 */
export async function followLogStream(
  options: FollowLogStreamOptions,
): Promise<void> {
  const { connect, onLine, signal } = options;
  const maxRetries = options.maxRetries ?? 8;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelay;
  let lastSeq = options.after ?? 0;
  let failures = 0;

  while (!signal?.aborted) {
    try {
      const response = await connect(lastSeq, signal);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      if (!response.body) {
        throw new Error('The log stream has no body');
      }
      for await (const event of parseEventStream(response.body)) {
        if (event.event === 'end') {
          return;
        }
        if (event.event !== 'line') {
          continue;
        }
        const line = JSON.parse(event.data) as LogLine;
        if (line.seq <= lastSeq) {
          continue;
        }
        lastSeq = line.seq;
        failures = 0;
        onLine(line);
      }
      // The connection closed without `end`: the job is still going.
      failures += 1;
    } catch (error) {
      if (signal?.aborted) {
        return;
      }
      // A client error (no access, unknown job) will not heal by retrying.
      if (
        ResponseError.is(error) &&
        error.statusCode >= 400 &&
        error.statusCode < 500
      ) {
        throw error;
      }
      failures += 1;
      if (failures > maxRetries) {
        throw error;
      }
    }
    if (failures > maxRetries) {
      throw new Error('The log stream keeps closing before the job ends');
    }
    await sleep(retryDelayMs(failures), signal);
  }
}
