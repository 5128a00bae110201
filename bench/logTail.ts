// The live-tail half of the logs benchmark: SSE viewers of a job's log
// while a JobLogWriter writes it.
import type { LogLine } from '@golive/plugin-pipelines-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DatabaseLogStore } from '../plugins/pipelines-backend/src/logs/DatabaseLogStore';
import { JobLogWriter } from '../plugins/pipelines-backend/src/logs/JobLogWriter';
import { RedisLogBroadcaster } from '../plugins/pipelines-backend/src/logs/RedisLogBroadcaster';
import { createLogStreamHandler } from '../plugins/pipelines-backend/src/logs/createLogStreamHandler';
import type { BenchDatabase } from './lib/benchDatabase';
import type { BenchRedis } from './lib/benchRedis';
import { intFromEnv } from './lib/settings';
import { lineText } from './lib/lineText';
import { round, sleep, summarize } from './lib/stats';
import { startSseViewers } from './lib/sseViewers';
import type { BenchFigure } from './lib/types';

export const VIEWERS = intFromEnv('BENCH_LOG_VIEWERS', 20);
const TAIL_SECONDS = intFromEnv('BENCH_LOG_TAIL_SECONDS', 10);
const TAIL_LINES_PER_SECOND = intFromEnv('BENCH_LOG_TAIL_RATE', 1000);
const TAIL_TICK_MS = 10;

function formatEvent(line: LogLine) {
  return `id: ${line.seq}\nevent: line\ndata: ${JSON.stringify(line)}\n\n`;
}

/** Calls `tick(i)` every TAIL_TICK_MS for TAIL_SECONDS, on schedule. */
async function paced(tick: (i: number) => Promise<void> | void) {
  const ticks = (TAIL_SECONDS * 1000) / TAIL_TICK_MS;
  const start = performance.now();
  for (let i = 0; i < ticks; i += 1) {
    const due = start + i * TAIL_TICK_MS - performance.now();
    if (due > 0) {
      await sleep(due);
    }
    await tick(i);
  }
}

/** Live-tail lag of SSE viewers while a writer writes. */
export async function measureLiveTail(
  db: BenchDatabase,
  redis: BenchRedis,
  broadcaster: RedisLogBroadcaster,
) {
  const store = DatabaseLogStore.create({ knex: db.knex });
  const finished = new Set<string>();
  const handler = createLogStreamHandler({
    store,
    broadcaster,
    isJobFinished: async jobId => finished.has(jobId),
  });

  // The baseline: lines published straight to Redis and written to every
  // open stream, with no store, batching or resume logic.
  const bareSubscriber = redis.connect();
  const barePublisher = redis.connect();
  const bareStreams = new Map<string, Set<express.Response>>();
  bareSubscriber.on('message', (channel: string, message: string) => {
    const event = JSON.parse(message);
    const jobId = channel.slice(channel.lastIndexOf(':') + 1);
    for (const res of bareStreams.get(jobId) ?? []) {
      if (event.type === 'end') {
        res.end('event: end\ndata: {}\n\n');
      } else {
        res.write(event.lines.map(formatEvent).join(''));
      }
    }
  });

  const app = express();
  app.get('/jobs/:jobId/stream', (req, res, next) => {
    handler(req, res, req.params.jobId).catch(next);
  });
  app.get('/bare/:jobId/stream', (req, res) => {
    const { jobId } = req.params;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    let streams = bareStreams.get(jobId);
    if (!streams) {
      streams = new Set();
      bareStreams.set(jobId, streams);
    }
    streams.add(res);
    res.on('close', () => streams!.delete(res));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const linesPerTick = (TAIL_LINES_PER_SECOND * TAIL_TICK_MS) / 1000;

  try {
    // Ours: JobLogWriter -> store -> Redis -> createLogStreamHandler.
    const jobId = randomUUID();
    const viewers = startSseViewers({
      url: `${base}/jobs/${jobId}/stream`,
      viewers: VIEWERS,
    });
    await withTimeout(viewers.connected, 10000, 'SSE viewers to connect');
    const writer = JobLogWriter.create({
      jobId,
      store,
      broadcaster,
      secrets: ['not-in-the-output-1234'],
      startSeq: 0,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    await paced(i => {
      let chunk = '';
      for (let k = 0; k < linesPerTick; k += 1) {
        chunk += `${lineText(i * linesPerTick + k)}\n`;
      }
      writer.write(0, 'stdout', chunk);
    });
    await writer.close();
    finished.add(jobId);
    const ours = await withTimeout(viewers.report, 30000, 'SSE viewers');

    // Baseline: the same viewers and rate on the bare route.
    const bareJobId = randomUUID();
    const bareChannel = `${redis.prefix}:bare:${bareJobId}`;
    await bareSubscriber.subscribe(bareChannel);
    const bareViewers = startSseViewers({
      url: `${base}/bare/${bareJobId}/stream`,
      viewers: VIEWERS,
    });
    await withTimeout(bareViewers.connected, 10000, 'bare viewers');
    let seq = 0;
    await paced(async () => {
      const time = new Date().toISOString();
      const lines: LogLine[] = [];
      for (let k = 0; k < linesPerTick; k += 1) {
        seq += 1;
        lines.push({
          seq,
          stepIndex: 0,
          stream: 'stdout',
          time,
          text: lineText(seq),
        });
      }
      await barePublisher.publish(
        bareChannel,
        JSON.stringify({ type: 'lines', lines }),
      );
    });
    await barePublisher.publish(bareChannel, JSON.stringify({ type: 'end' }));
    const bare = await withTimeout(bareViewers.report, 30000, 'bare viewers');

    const expected = TAIL_SECONDS * TAIL_LINES_PER_SECOND;
    const oursStats = summarize(ours.lags);
    const bareStats = summarize(bare.lags);
    const complete = ours.linesPerViewer.every(n => n === expected);
    return {
      bench: 'logs',
      metric: `live-tail lag p99, ${VIEWERS} SSE viewers`,
      unit: 'ms',
      ours: oursStats.p99,
      baseline: bareStats.p99,
      ratio: round(oursStats.p99 / Math.max(bareStats.p99, 1)),
      target: 'ours p99 < 150 ms',
      pass: oursStats.p99 < 150 && complete && ours.disorder === 0,
      details: {
        linesPerSecond: TAIL_LINES_PER_SECOND,
        seconds: TAIL_SECONDS,
        expectedLinesPerViewer: expected,
        ours: { ...oursStats, ...omitLags(ours) },
        bare: { ...bareStats, ...omitLags(bare) },
        note: 'lag = viewer receive time - line time (ms precision); the baseline publishes each chunk straight to Redis and writes it to the open streams',
      },
    } satisfies BenchFigure;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function omitLags(
  report: { lags: number[]; linesPerViewer: number[] } & object,
) {
  const { lags: _lags, linesPerViewer, ...rest } = report as any;
  return {
    ...rest,
    minLinesPerViewer: Math.min(...linesPerViewer),
    maxLinesPerViewer: Math.max(...linesPerViewer),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)),
        ms,
      );
    }),
  ]);
}
