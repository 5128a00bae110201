import { InputError } from '@backstage/errors';
import type { LogLine } from '@golive/plugin-pipelines-common';
import type { Request, Response } from 'express';
import type { PipelinesExternalLogChunk } from '@golive/plugin-pipelines-node';

/** Most chunks read for one page of a log, so a chatty log cannot loop. */
const MAX_CHUNKS = 200;

/**
 * Turns log text into numbered lines. Text after the last newline is kept
 * back until more text or the end of the log completes it.
 */
export class LogLineSplitter {
  private pending = '';
  private seq = 0;

  push(text: string, final: boolean): LogLine[] {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    if (final && this.pending !== '') {
      parts.push(this.pending);
      this.pending = '';
    }
    const time = new Date().toISOString();
    return parts.map(part => ({
      seq: ++this.seq,
      stream: 'stdout' as const,
      time,
      text: part.replace(/\r$/, ''),
    }));
  }
}

/** Reads a whole external log as it is now, as numbered lines. */
export async function readAllLines(
  read: (offset: number) => Promise<PipelinesExternalLogChunk>,
): Promise<{ lines: LogLine[]; more: boolean }> {
  const splitter = new LogLineSplitter();
  const lines: LogLine[] = [];
  let offset = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const chunk = await read(offset);
    const done = !chunk.more || chunk.text === '' || chunk.nextOffset <= offset;
    lines.push(...splitter.push(chunk.text, !chunk.more));
    offset = chunk.nextOffset;
    if (done) return { lines, more: chunk.more };
  }
  return { lines, more: true };
}

function resumePoint(req: Request): number {
  const header = req.header('last-event-id')?.trim();
  const query = typeof req.query.after === 'string' ? req.query.after : '';
  const value = header || query.trim();
  if (!value) return 0;
  if (!/^\d{1,15}$/.test(value)) {
    throw new InputError(
      'Last-Event-ID and after must be a log sequence number',
    );
  }
  return Number(value);
}

/**
 * Streams an external log as server-sent events in the format of own
 * runs' logs (`line` events with the sequence number as id, then `end`),
 * polling the provider while it says more may come.
 */
export async function streamExternalLog(
  req: Request,
  res: Response,
  read: (offset: number) => Promise<PipelinesExternalLogChunk>,
  pollMs = 2000,
): Promise<void> {
  const lastSent = resumePoint(req);
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();

  const splitter = new LogLineSplitter();
  let offset = 0;
  try {
    while (!closed) {
      const chunk = await read(offset);
      const lines = splitter
        .push(chunk.text, !chunk.more)
        .filter(line => line.seq > lastSent);
      const text = lines
        .map(l => `id: ${l.seq}\nevent: line\ndata: ${JSON.stringify(l)}\n\n`)
        .join('');
      if (text) res.write(text);
      offset = chunk.nextOffset;
      if (!chunk.more) {
        res.write('event: end\ndata: {}\n\n');
        break;
      }
      // more text may already be waiting; otherwise wait before asking again
      if (chunk.text === '') {
        await new Promise(resolve => setTimeout(resolve, pollMs));
      }
    }
  } catch (error) {
    res.write(
      `event: error\ndata: ${JSON.stringify({ message: String(error) })}\n\n`,
    );
  }
  res.end();
}
