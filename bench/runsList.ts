import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { BenchDatabase, createBenchDatabase } from './lib/benchDatabase';
import { LoadReport, runOpenLoopLoad } from './lib/openLoopLoad';
import { countFromEnv, intFromEnv } from './lib/settings';
import { round, summarize } from './lib/stats';
import { startPipelinesBackend } from './lib/startPipelinesBackend';
import type { Benchmark } from './lib/types';

const RUNS = countFromEnv('BENCH_RUNS', 100_000);
const ENTITIES = intFromEnv('BENCH_RUNS_ENTITIES', 200);
const RATE = intFromEnv('BENCH_RUNS_RPS', 200);
const SECONDS = intFromEnv('BENCH_RUNS_SECONDS', 10);

const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled'];
const TRIGGERS = ['push', 'manual', 'schedule', 'api'];
const SNAPSHOT = JSON.stringify({
  content:
    'name: build\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    steps:\n      - run: yarn install --immutable\n      - run: yarn tsc\n      - run: yarn test\n',
  env: { NODE_ENV: 'test' },
});

/** COPY text of one stored run; JSON needs no escaping but backslashes. */
function runRow(i: number, base: number): string {
  const entity = i % ENTITIES;
  const number = Math.floor(i / ENTITIES) + 1;
  const created = new Date(base - (RUNS - i) * 60_000);
  const started = new Date(created.getTime() + 2_000);
  const finished = new Date(started.getTime() + 60_000 + (i % 600) * 1000);
  return [
    randomUUID(),
    number,
    `component:default/service-${entity}`,
    'build',
    '.golive/pipeline.yaml',
    `https://git.example.com/acme/service-${entity}.git`,
    STATUSES[i % STATUSES.length],
    TRIGGERS[i % TRIGGERS.length],
    `user:default/dev-${i % 37}`,
    i % 3 === 0 ? 'refs/heads/main' : `refs/heads/feature-${i % 101}`,
    (i * 2654435761).toString(16).padStart(40, '0').slice(-40),
    '{}',
    SNAPSHOT.replace(/\\/g, '\\\\'),
    '\\N',
    'false',
    'false',
    created.toISOString(),
    started.toISOString(),
    finished.toISOString(),
  ].join('\t');
}

async function* runRows() {
  const base = Date.now();
  for (let i = 0; i < RUNS; i += 1000) {
    let chunk = '';
    for (let k = i; k < Math.min(RUNS, i + 1000); k += 1) {
      chunk += `${runRow(k, base)}\n`;
    }
    yield chunk;
  }
}

async function storeRuns(db: BenchDatabase) {
  const client = await db.connect();
  const stream = client.query(
    copyFrom(
      `COPY pipelines_runs (id, number, entity_ref, pipeline_name, pipeline_path,
         repository_url, status, trigger, actor, ref, sha, inputs,
         pipeline_snapshot, rerun_of, from_fork, cancel_requested, created_at,
         started_at, finished_at) FROM STDIN`,
    ),
  );
  await pipeline(Readable.from(runRows()), stream);
  await db.knex.raw('ANALYZE pipelines_runs');
}

function stats(report: LoadReport) {
  return {
    ...summarize(report.latencies),
    errors: report.errors,
    unfinished: report.unfinished,
    firstError: report.firstError,
  };
}

/** Median latency of requests sent one after the other, without load. */
async function sequentialMedian(url: string, headers: Record<string, string>) {
  const samples: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    samples.push(performance.now() - start);
  }
  return summarize(samples).p50;
}

export const runsListBenchmark: Benchmark = {
  name: 'runs-list',
  description: `GET /runs over ${RUNS} stored runs at ${RATE} req/s for ${SECONDS} s vs a bare route`,
  async run() {
    const db = await createBenchDatabase();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'golive-bench-runs-'));
    let stop: (() => Promise<void>) | undefined;
    try {
      const started = await startPipelinesBackend({
        knex: db.knex,
        dataDirectory,
        entities: [],
      });
      stop = started.stop;
      await storeRuns(db);

      const ours = `${started.baseUrl}/pipelines/runs`;
      const bare = `${started.baseUrl}/bench/bare`;
      const load = (url: string, seconds: number, rate = RATE) =>
        runOpenLoopLoad({ url, rate, seconds, headers: started.headers });

      // Warm up both. The bare route goes first: when ours falls behind,
      // its backlog would otherwise land on the bare route's measurement.
      await load(bare, 1, 20);
      const warm = await load(ours, 1, 20);
      if (warm.errors > 0) {
        throw new Error(`GET /runs failed: ${warm.firstError}`);
      }
      const serviceMs = {
        bare: await sequentialMedian(bare, started.headers),
        ours: await sequentialMedian(ours, started.headers),
      };
      const bareReport = await load(bare, SECONDS);
      const oursReport = await load(ours, SECONDS);
      const oursStats = stats(oursReport);
      const bareStats = stats(bareReport);
      const stored = await db.knex('pipelines_runs').count({ n: '*' }).first();

      return [
        {
          bench: 'runs-list',
          metric: `GET /runs p99 at ${RATE} req/s, ${RUNS} runs`,
          unit: 'ms',
          ours: oursStats.p99,
          baseline: bareStats.p99,
          ratio: round(oursStats.p99 / bareStats.p99),
          // The issue names no target for this one; the ratio is the figure.
          target: 'report (no target); no errors',
          pass: oursStats.errors === 0 && oursStats.unfinished === 0,
          details: {
            storedRuns: Number(stored?.n ?? 0),
            entities: ENTITIES,
            rate: RATE,
            seconds: SECONDS,
            ours: oursStats,
            bare: bareStats,
            medianMsOfOneRequestAlone: serviceMs,
          },
        },
      ];
    } finally {
      await stop?.();
      await db.drop();
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  },
};
