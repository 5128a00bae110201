import type { LogLine } from '@golive/plugin-pipelines-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase } from '../plugins/pipelines-backend/src/database/migrateDatabase';
import { DatabaseLogStore } from '../plugins/pipelines-backend/src/logs/DatabaseLogStore';
import { JobLogWriter } from '../plugins/pipelines-backend/src/logs/JobLogWriter';
import { RedisLogBroadcaster } from '../plugins/pipelines-backend/src/logs/RedisLogBroadcaster';
import { createLogStreamHandler } from '../plugins/pipelines-backend/src/logs/createLogStreamHandler';
import { BenchDatabase, createBenchDatabase } from './lib/benchDatabase';
import { createBenchLogger } from './lib/benchLogger';
import { BenchRedis, createBenchRedis } from './lib/benchRedis';
import { benchRedisService } from './lib/redisService';
import { countFromEnv, intFromEnv } from './lib/settings';
import { round, sleep, summarize } from './lib/stats';
import { startSseViewers } from './lib/sseViewers';
import type { BenchFigure, Benchmark } from './lib/types';

const TOTAL_LINES = countFromEnv('BENCH_LOG_LINES', 1_000_000);
const JOBS = intFromEnv('BENCH_LOG_JOBS', 10);
const BATCH_LINES = intFromEnv('BENCH_LOG_BATCH', 500);
const VIEWERS = intFromEnv('BENCH_LOG_VIEWERS', 20);
const TAIL_SECONDS = intFromEnv('BENCH_LOG_TAIL_SECONDS', 10);
const TAIL_LINES_PER_SECOND = intFromEnv('BENCH_LOG_TAIL_RATE', 1000);
/** The writer's output arrives in chunks this often, as a process's would. */
const TAIL_TICK_MS = 10;

const COPY_TABLE = 'bench_copy_lines';

/** Output of a typical build, about 100 bytes a line. */
function lineText(i: number): string {
  return `[build] ${String(i).padStart(7, '0')} compiled src/features/area${
    i % 53
  }/module${i % 997}.ts (${i % 4096} B) in ${i % 1000} ms`;
}

type Job = { id: string; lines: LogLine[] };

function makeJobs(): Job[] {
  const perJob = Math.ceil(TOTAL_LINES / JOBS);
  const time = new Date().toISOString();
  const jobs: Job[] = [];
  for (let j = 0, n = 0; j < JOBS && n < TOTAL_LINES; j += 1) {
    const lines: LogLine[] = [];
    for (let seq = 1; seq <= perJob && n < TOTAL_LINES; seq += 1, n += 1) {
      lines.push({
        seq,
        stepIndex: 0,
        stream: 'stdout',
        time,
        text: lineText(n),
      });
    }
    jobs.push({ id: randomUUID(), lines });
  }
  return jobs;
}

/** COPY text format: backslash, tab, newline and CR escaped. */
function copyField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, c =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

async function* copyRows(job: Job) {
  for (let i = 0; i < job.lines.length; i += 1000) {
    let chunk = '';
    for (const line of job.lines.slice(i, i + 1000)) {
      chunk += `${job.id}\t${line.seq}\t${line.stepIndex ?? '\\N'}\t${
        line.stream
      }\t${line.time}\t${copyField(line.text)}\n`;
    }
    yield chunk;
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function countRows(db: BenchDatabase, table: string) {
  const row = await db.knex(table).count({ count: '*' }).first();
  return Number(row?.count ?? 0);
}

async function measureThroughput(db: BenchDatabase, redis: BenchRedis) {
  const jobs = makeJobs();
  const lineCount = jobs.reduce((sum, job) => sum + job.lines.length, 0);
  const store = DatabaseLogStore.create({ knex: db.knex });
  const copyClient = await db.connect();
  const broadcaster = RedisLogBroadcaster.create({
    redis: benchRedisService(redis),
    logger: createBenchLogger(),
    channelPrefix: `${redis.prefix}:logs:`,
  });

  const copyJob = async (job: Job) => {
    const stream = copyClient.query(
      copyFrom(
        `COPY ${COPY_TABLE} (job_id, seq, step_index, stream, time, text) FROM STDIN`,
      ),
    );
    await pipeline(Readable.from(copyRows(job)), stream);
  };
  const appendJob = async (job: Job) => {
    for (let i = 0; i < job.lines.length; i += BATCH_LINES) {
      await store.append(job.id, job.lines.slice(i, i + BATCH_LINES));
    }
  };
  const writeJob = async (job: Job) => {
    const writer = JobLogWriter.create({
      jobId: randomUUID(),
      store,
      broadcaster,
      secrets: ['not-in-the-output-1234'],
      startSeq: 0,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    // Chunks of 100 lines with a turn of the event loop between, like the
    // stdout of a busy step.
    for (let i = 0; i < job.lines.length; i += 100) {
      const chunk = job.lines
        .slice(i, i + 100)
        .map(line => `${line.text}\n`)
        .join('');
      writer.write(0, 'stdout', chunk);
      await nextTurn();
    }
    await writer.close();
  };

  // Warm up every path, then start from empty tables.
  const warmUp: Job = {
    id: randomUUID(),
    lines: jobs[0].lines.slice(0, Math.min(20000, jobs[0].lines.length)),
  };
  await copyJob(warmUp);
  await appendJob(warmUp);
  await writeJob(warmUp);
  await db.knex.raw(
    `TRUNCATE ${COPY_TABLE}, pipelines_log_lines, pipelines_logs`,
  );
  await db.knex.raw('CHECKPOINT');

  // Job by job in turns, so that noise from other work on the machine
  // falls on all three alike. Append and writer share the plugin's table,
  // so each sees about twice the rows COPY sees: if anything, this favours
  // the baseline.
  let copyMs = 0;
  let appendMs = 0;
  let writerMs = 0;
  for (const job of jobs) {
    copyMs += await timed(() => copyJob(job));
    appendMs += await timed(() => appendJob(job));
    writerMs += await timed(() => writeJob(job));
  }
  const stored = await countRows(db, 'pipelines_log_lines');
  const copied = await countRows(db, COPY_TABLE);

  const perSecond = (ms: number) => round((lineCount / ms) * 1000, 0);
  const details = {
    lines: lineCount,
    jobs: jobs.length,
    copyMs: round(copyMs, 0),
    copiedRows: copied,
    storedRowsOfBoth: stored,
  };
  const complete = stored === 2 * lineCount && copied === lineCount;
  const figures: BenchFigure[] = [
    {
      bench: 'logs',
      metric: `DatabaseLogStore.append (${BATCH_LINES}-line batches) vs COPY`,
      unit: 'lines/s',
      ours: perSecond(appendMs),
      baseline: perSecond(copyMs),
      ratio: round(copyMs / appendMs),
      target: 'ratio >= 0.5',
      pass: copyMs / appendMs >= 0.5 && complete,
      details: { ...details, appendMs: round(appendMs, 0) },
    },
    {
      bench: 'logs',
      metric: 'JobLogWriter (mask, number, store, publish) vs COPY',
      unit: 'lines/s',
      ours: perSecond(writerMs),
      baseline: perSecond(copyMs),
      ratio: round(copyMs / writerMs),
      target: 'ratio >= 0.5',
      pass: copyMs / writerMs >= 0.5 && complete,
      details: { ...details, writerMs: round(writerMs, 0) },
    },
  ];
  return { figures, broadcaster };
}

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

async function measureLiveTail(
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

export const logsBenchmark: Benchmark = {
  name: 'logs',
  description: `${TOTAL_LINES} log lines into PostgreSQL vs COPY; live-tail lag with ${VIEWERS} viewers`,
  async run() {
    const db = await createBenchDatabase();
    const redis = createBenchRedis('logs');
    try {
      await migrateDatabase({ getClient: async () => db.knex } as any);
      await db.knex.raw(
        `CREATE TABLE ${COPY_TABLE} (LIKE pipelines_log_lines INCLUDING ALL)`,
      );
      const { figures, broadcaster } = await measureThroughput(db, redis);
      await db.knex.raw('TRUNCATE pipelines_log_lines, pipelines_logs');
      figures.push(await measureLiveTail(db, redis, broadcaster));
      return figures;
    } finally {
      await redis.cleanup();
      await db.drop();
    }
  },
};
