import { LoggerService } from '@backstage/backend-plugin-api';
import type { LogLine } from '@golive/plugin-pipelines-common';
import { LineAssembler } from './LineAssembler';
import { LogBroadcaster, LogStore } from './types';

const DEFAULT_FLUSH_INTERVAL_MS = 100;
const DEFAULT_MAX_BATCH_LINES = 500;

/** A backlog is written in appends of up to this many batches. */
const CATCH_UP_BATCHES = 10;

type Stream = LogLine['stream'];
type UnnumberedLine = Omit<LogLine, 'seq'>;

function formatMiB(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 100) / 100);
}

/**
 * Writes the output of one job attempt to the job's log: splits it into
 * lines, masks secrets, numbers and timestamps the lines, stores them in
 * batches and then publishes them to live viewers.
 *
 * @remarks
 *
 * Secrets are masked before a line is stored or published (see
 * `LineAssembler`). Sequence numbers continue the job's stored log without
 * gaps; they are given when a batch is written, in order. Past `maxBytes` of
 * text (counting earlier attempts), one system line says that the log was
 * truncated, the job is marked truncated and further output is dropped.
 *
 * The worker must `close()` the writer before it records the job as
 * finished, so that a viewer who sees the job finished also has its last
 * lines.
 *
 * @public
 */
export class JobLogWriter {
  readonly #jobId: string;
  readonly #store: LogStore;
  readonly #broadcaster: LogBroadcaster;
  readonly #secrets: string[];
  readonly #maxBytes: number;
  readonly #maxBatchLines: number;
  readonly #logger: LoggerService | undefined;
  readonly #assemblers = new Map<string, LineAssembler>();
  readonly #timer: NodeJS.Timeout;
  #pending: UnnumberedLine[] = [];
  /** A numbered batch whose append failed; written first next time. */
  #unsaved: LogLine[] = [];
  #lastSeq: number;
  #bytes = 0;
  #truncated = false;
  #markPending = false;
  #resumed = false;
  #writing: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  /**
   * Creates the writer of a job attempt. `startSeq` is the last sequence
   * number already stored for the job (`store.lastSeq(jobId)`, 0 for a new
   * job); should the store hold a greater one, the writer continues after
   * that. `maxBytes` is `pipelines.logs.maxBytesPerJob` (default 100 MiB).
   * `empty` says the store holds no line of the job yet (its first attempt
   * just claimed), which spares reading the job's log state back.
   */
  static create(options: {
    jobId: string;
    store: LogStore;
    broadcaster: LogBroadcaster;
    secrets: string[];
    startSeq: number;
    maxBytes: number;
    empty?: boolean;
    flushIntervalMs?: number;
    maxBatchLines?: number;
    logger?: LoggerService;
  }): JobLogWriter {
    return new JobLogWriter(options);
  }

  private constructor(options: Parameters<typeof JobLogWriter.create>[0]) {
    this.#jobId = options.jobId;
    this.#store = options.store;
    this.#broadcaster = options.broadcaster;
    this.#secrets = options.secrets;
    this.#lastSeq = options.startSeq;
    this.#resumed = options.empty === true && options.startSeq === 0;
    this.#maxBytes = options.maxBytes;
    this.#maxBatchLines = options.maxBatchLines ?? DEFAULT_MAX_BATCH_LINES;
    this.#logger = options.logger?.child({ component: 'job-log-writer' });
    this.#timer = setInterval(
      () => this.#flushInBackground(),
      options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
    );
    this.#timer.unref();
  }

  /**
   * Takes output of a step (or of the runner itself, with `stepIndex`
   * undefined and stream `system`). A line is complete at its newline or
   * when {@link JobLogWriter.flush} or {@link JobLogWriter.close} runs.
   */
  write(stepIndex: number | undefined, stream: Stream, chunk: string): void {
    if (this.#closing || this.#truncated) {
      return;
    }
    const key = `${stepIndex ?? ''}:${stream}`;
    let assembler = this.#assemblers.get(key);
    if (!assembler) {
      assembler = new LineAssembler(this.#secrets);
      this.#assemblers.set(key, assembler);
    }
    this.#add(stepIndex, stream, assembler.write(chunk));
    if (this.#pending.length >= this.#maxBatchLines) {
      this.#flushInBackground();
    }
  }

  /**
   * Ends unfinished lines and resolves once every line written so far is
   * stored and published.
   *
   * @throws the store's error when lines could not be stored; they are
   * kept and tried again on the next flush.
   */
  async flush(): Promise<void> {
    this.#endLines();
    await this.#writeAll();
  }

  /** Flushes, stops the timer and tells viewers that the log is complete. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#timer);
      this.#endLines();
      try {
        await this.#writeAll();
      } finally {
        await this.#broadcaster.publishEnd(this.#jobId).catch(error =>
          this.#logger?.warn('Could not publish end of log', {
            jobId: this.#jobId,
            error: String(error),
          }),
        );
      }
    })();
    return this.#closing;
  }

  #add(stepIndex: number | undefined, stream: Stream, texts: string[]) {
    if (texts.length === 0) {
      return;
    }
    const time = new Date().toISOString();
    for (const text of texts) {
      this.#pending.push({
        ...(stepIndex === undefined ? {} : { stepIndex }),
        stream,
        time,
        text,
      });
    }
  }

  #endLines() {
    for (const [key, assembler] of this.#assemblers) {
      const [step, stream] = key.split(':');
      this.#add(
        step === '' ? undefined : Number(step),
        stream as Stream,
        assembler.end(),
      );
    }
    this.#assemblers.clear();
  }

  #flushInBackground() {
    if (this.#pending.length === 0 && !this.#markPending) {
      return;
    }
    this.#writeAll().catch(error =>
      this.#logger?.warn('Could not store log lines, will retry', {
        jobId: this.#jobId,
        error: String(error),
      }),
    );
  }

  /** Queues a write of everything pending behind the running one. */
  #writeAll(): Promise<void> {
    const next = this.#writing.catch(() => undefined).then(() => this.#drain());
    this.#writing = next;
    return next;
  }

  async #drain() {
    if (!this.#resumed) {
      const [lastSeq, bytes, truncated] = await Promise.all([
        this.#store.lastSeq(this.#jobId),
        this.#store.byteCount(this.#jobId),
        this.#store.isTruncated(this.#jobId),
      ]);
      this.#lastSeq = Math.max(this.#lastSeq, lastSeq);
      this.#bytes = bytes;
      this.#truncated ||= truncated;
      this.#resumed = true;
    }

    while (this.#unsaved.length > 0 || this.#pending.length > 0) {
      if (this.#unsaved.length === 0) {
        const taken = this.#pending.splice(
          0,
          this.#maxBatchLines * CATCH_UP_BATCHES,
        );
        this.#unsaved = this.#number(taken);
        if (this.#unsaved.length === 0) {
          continue;
        }
      }
      const batch = this.#unsaved;
      await this.#append(batch);
      this.#unsaved = [];
      await this.#broadcaster.publish(this.#jobId, batch).catch(error =>
        // Viewers fill the gap from the store.
        this.#logger?.warn('Could not publish log lines', {
          jobId: this.#jobId,
          error: String(error),
        }),
      );
    }
    if (this.#markPending) {
      await this.#store.markTruncated(this.#jobId);
      this.#markPending = false;
    }
  }

  async #append(batch: LogLine[]) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#store.append(this.#jobId, batch);
        return;
      } catch (error) {
        if ((error as Error)?.name !== 'ConflictError' || attempt >= 3) {
          throw error;
        }
        // Another writer of this job (an attempt that lost its lease) took
        // these numbers; continue after its lines.
        const stored = await this.#store.lastSeq(this.#jobId);
        batch.forEach((line, index) => {
          line.seq = stored + 1 + index;
        });
        this.#lastSeq = stored + batch.length;
        this.#logger?.warn('Log sequence numbers taken, renumbered batch', {
          jobId: this.#jobId,
        });
      }
    }
  }

  /** Numbers lines and applies the size limit. */
  #number(lines: UnnumberedLine[]): LogLine[] {
    const numbered: LogLine[] = [];
    for (const line of lines) {
      if (this.#truncated) {
        break;
      }
      const size = Buffer.byteLength(line.text);
      if (this.#bytes + size > this.#maxBytes) {
        this.#truncated = true;
        this.#markPending = true;
        this.#pending = [];
        numbered.push({
          seq: ++this.#lastSeq,
          stream: 'system',
          time: new Date().toISOString(),
          text: `Log truncated: this job's log reached its limit of ${formatMiB(
            this.#maxBytes,
          )} MiB`,
        });
        break;
      }
      this.#bytes += size;
      numbered.push({ seq: ++this.#lastSeq, ...line });
    }
    return numbered;
  }
}
