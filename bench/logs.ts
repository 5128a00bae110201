import type { LogLine } from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase } from '../plugins/pipelines-backend/src/database/migrateDatabase';
import { DatabaseLogStore } from '../plugins/pipelines-backend/src/logs/DatabaseLogStore';
import { JobLogWriter } from '../plugins/pipelines-backend/src/logs/JobLogWriter';
import { RedisLogBroadcaster } from '../plugins/pipelines-backend/src/logs/RedisLogBroadcaster';
import { BenchDatabase, createBenchDatabase } from './lib/benchDatabase';
import { createBenchLogger } from './lib/benchLogger';
import { BenchRedis, createBenchRedis } from './lib/benchRedis';
import { benchRedisService } from './lib/redisService';
import { countFromEnv, intFromEnv } from './lib/settings';
import { round } from './lib/stats';
import { lineText } from './lib/lineText';
import type { BenchFigure, Benchmark } from './lib/types';
import { measureLiveTail, VIEWERS } from './logTail';

const TOTAL_LINES = countFromEnv('BENCH_LOG_LINES', 1_000_000);
const JOBS = intFromEnv('BENCH_LOG_JOBS', 10);
const BATCH_LINES = intFromEnv('BENCH_LOG_BATCH', 500);
/** The writer's output arrives in chunks this often, as a process's would. */

const COPY_TABLE = 'bench_copy_lines';

/** Output of a typical build, about 100 bytes a line. */
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
