import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { LogLine } from '@golive/plugin-pipelines-common';
import type { Request, Response } from 'express';
import { LogBroadcaster, LogEvent, LogStore } from './types';

const DEFAULT_HEARTBEAT_MS = 15000;
const PAGE_SIZE = 1000;

/**
 * After an `end` event the job is usually recorded as finished a moment
 * later (or retried); it is checked this often until then.
 */
const END_RECHECK_MS = 250;
const END_RECHECK_FOR_MS = 10000;

function readResumePoint(req: Request): number {
  const header = req.header('last-event-id');
  const query = typeof req.query.after === 'string' ? req.query.after : '';
  const value = header?.trim() || query.trim();
  if (value === '') {
    return 0;
  }
  if (!/^\d{1,15}$/.test(value)) {
    throw new InputError(
      'Last-Event-ID and after must be a log sequence number',
    );
  }
  return Number(value);
}

function formatLine(line: LogLine): string {
  return `id: ${line.seq}\nevent: line\ndata: ${JSON.stringify(line)}\n\n`;
}

/**
 * Creates the handler of `GET /runs/:runId/jobs/:jobId/logs/stream`: the
 * job's log as server-sent events, resumable from a sequence number.
 *
 * @remarks
 *
 * The handler subscribes to live lines before it reads the stored ones, and
 * sends each sequence number once, in order: live lines already replayed are
 * skipped, and a hole in live lines (a message lost by Redis) is filled from
 * the store. Event `line` carries a `LogLine` with the sequence number as
 * its id; event `end` follows the last line once the job has finished.
 * Comments keep the connection open every 15 seconds. Call it after the
 * caller's access to the job is checked; it throws an `InputError` for a
 * malformed resume point before anything is sent.
 *
 * @public
 */
export function createLogStreamHandler(options: {
  store: LogStore;
  broadcaster: LogBroadcaster;
  isJobFinished(jobId: string): Promise<boolean>;
  heartbeatIntervalMs?: number;
  logger?: LoggerService;
}): (req: Request, res: Response, jobId: string) => Promise<void> {
  const { store, broadcaster, isJobFinished } = options;
  const heartbeatMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS;
  const logger = options.logger?.child({ component: 'log-stream' });

  return async (req, res, jobId) => {
    let lastSent = readResumePoint(req);
    const events: LogEvent[] = [];
    let closed = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    const onClose = () => {
      closed = true;
      notify();
    };

    const unsubscribe = await broadcaster.subscribe(jobId, event => {
      events.push(event);
      notify();
    });
    res.on('close', onClose);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();

    const send = async (text: string) => {
      if (closed || text === '') {
        return;
      }
      const flushed = res.write(text);
      // Compression middleware, where present, buffers until told.
      (res as { flush?: () => void }).flush?.();
      if (!flushed) {
        await new Promise(resolve => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    };
    const sendLines = (lines: LogLine[]) => {
      const fresh = lines.filter(line => line.seq > lastSent);
      if (fresh.length > 0) {
        lastSent = fresh[fresh.length - 1].seq;
      }
      return send(fresh.map(formatLine).join(''));
    };
    const sendStored = async () => {
      for (;;) {
        const page = await store.read(jobId, {
          after: lastSent,
          limit: PAGE_SIZE,
        });
        await sendLines(page);
        if (page.length < PAGE_SIZE || closed) {
          return;
        }
      }
    };

    /** Waits for an event or a disconnect; true when `timeoutMs` passed. */
    const waitForWork = (timeoutMs?: number) =>
      new Promise<boolean>(resolve => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                wake = undefined;
                resolve(true);
              }, timeoutMs);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });

    let checkDue = false;
    let endSeenAt: number | undefined;
    const heartbeat = setInterval(() => {
      void send(': heartbeat\n\n');
      checkDue = true;
      notify();
    }, heartbeatMs);

    try {
      await sendStored();
      let finished = await isJobFinished(jobId);
      while (!closed && !finished) {
        if (events.length === 0 && !checkDue) {
          const recheck =
            endSeenAt !== undefined &&
            Date.now() - endSeenAt < END_RECHECK_FOR_MS;
          const timedOut = await waitForWork(
            recheck ? END_RECHECK_MS : undefined,
          );
          // The heartbeat may have asked for a check meanwhile.
          checkDue ||= timedOut;
        }
        for (const event of events.splice(0)) {
          if (event.type === 'end') {
            // The end of one attempt; a retry may follow.
            endSeenAt = Date.now();
            checkDue = true;
          } else if (event.lines[0]?.seq > lastSent + 1) {
            await sendStored();
          } else {
            await sendLines(event.lines);
          }
        }
        if (checkDue && !closed) {
          checkDue = false;
          finished = await isJobFinished(jobId);
        }
      }
      if (finished && !closed) {
        await sendStored();
        await send('event: end\ndata: {}\n\n');
        res.end();
      }
    } catch (error) {
      logger?.warn('Log stream failed', { jobId, error: String(error) });
      res.end();
    } finally {
      clearInterval(heartbeat);
      res.off('close', onClose);
      await unsubscribe().catch(() => undefined);
    }
  };
}
