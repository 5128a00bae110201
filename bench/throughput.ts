import { join } from 'node:path';
import { measureExecutionParts } from './lib/executionParts';
import { jobTimeline } from './lib/jobTimeline';
import { createPipelineRig, PipelineRig, spawnBare } from './lib/pipelineRig';
import { countFromEnv, intFromEnv } from './lib/settings';
import { round, sleep } from './lib/stats';
import type { Benchmark } from './lib/types';

// The 2,000 jobs take about 35 s at the ~57 jobs/s measured on the
// 2-core machine; BENCH_THROUGHPUT_JOBS scales it.
const JOBS = countFromEnv('BENCH_THROUGHPUT_JOBS', 2000);
const JOBS_PER_RUN = intFromEnv('BENCH_THROUGHPUT_JOBS_PER_RUN', 100);
const CONCURRENCY = intFromEnv('BENCH_CONCURRENCY', 4);
const TIMEOUT_MS = intFromEnv('BENCH_THROUGHPUT_TIMEOUT_S', 600) * 1000;
const RUNS = Math.ceil(JOBS / JOBS_PER_RUN);
const TOTAL = RUNS * JOBS_PER_RUN;

/** One job per matrix combination, each a single no-op step. */
function pipelineYaml(jobsPerRun: number) {
  const shards = Array.from({ length: jobsPerRun }, (_, i) => i + 1);
  return `name: throughput
on:
  manual: {}
jobs:
  noop:
    matrix:
      shard: [${shards.join(', ')}]
    steps:
      - name: Nothing
        run: "true"
`;
}

/**
 * Ours: the runs are created one after the other as fast as the API takes
 * them; the clock stops when the last job is finished.
 */
async function measureOurs(rig: PipelineRig) {
  const finishedJobs = async () => {
    const row = await rig.db
      .knex('pipelines_jobs')
      .whereIn('status', ['succeeded', 'failed', 'cancelled', 'skipped'])
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  };
  const start = performance.now();
  for (let i = 0; i < RUNS; i += 1) {
    await rig.post('/runs', { entityRef: 'component:default/throughput' });
  }
  let done = 0;
  const deadline = Date.now() + TIMEOUT_MS;
  while ((done = await finishedJobs()) < TOTAL && Date.now() < deadline) {
    await sleep(50);
  }
  const ms = performance.now() - start;
  const statuses = await rig.db
    .knex('pipelines_jobs')
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  if (done < TOTAL) {
    throw new Error(
      `Only ${done} of ${TOTAL} jobs finished within ${TIMEOUT_MS} ms: ${JSON.stringify(
        statuses,
      )}`,
    );
  }
  return { ms, statuses, timeline: await jobTimeline(rig.db.knex) };
}

/**
 * Baseline: jobs added to BullMQ in batches of the same size, a worker of
 * the same concurrency spawning the same command.
 */
async function measureBare(rig: PipelineRig, batches: number, name: string) {
  const count = batches * JOBS_PER_RUN;
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>(resolve => {
    allDone = resolve;
  });
  const { queue, worker } = rig.rawQueue(
    name,
    async () => {
      await spawnBare('true', {});
      done += 1;
      if (done === count) allDone();
    },
    CONCURRENCY,
  );
  await worker.waitUntilReady();
  const start = performance.now();
  for (let i = 0; i < batches; i += 1) {
    await queue.addBulk(
      Array.from({ length: JOBS_PER_RUN }, (_, k) => ({
        name: 'noop',
        data: { batch: i, shard: k },
        opts: { removeOnComplete: 1000 },
      })),
    );
  }
  await finished;
  return performance.now() - start;
}

async function measure(rig: PipelineRig) {
  // Half of the baseline runs before ours and half after, so that a change
  // in the load of the machine during the long run of ours falls on both.
  const firstHalf = Math.ceil(RUNS / 2);
  const bareBeforeMs = await measureBare(rig, firstHalf, 'bench-noop-1');
  const ours = await measureOurs(rig);
  const bareAfterMs =
    RUNS > firstHalf
      ? await measureBare(rig, RUNS - firstHalf, 'bench-noop-2')
      : 0;
  const bareMs = bareBeforeMs + bareAfterMs;
  const parts = await measureExecutionParts({
    root: rig.root,
    repositoryUrl: join(rig.root, 'repos', 'throughput'),
  });

  const oursRate = (TOTAL / ours.ms) * 1000;
  const bareRate = (TOTAL / bareMs) * 1000;
  return [
    {
      bench: 'throughput',
      metric: `${TOTAL} one-step no-op jobs, concurrency ${CONCURRENCY}`,
      unit: 'jobs/s',
      ours: round(oursRate, 1),
      baseline: round(bareRate, 1),
      ratio: round(oursRate / bareRate),
      target: 'ratio >= 0.35',
      pass: oursRate / bareRate >= 0.35,
      details: {
        runs: RUNS,
        jobsPerRun: JOBS_PER_RUN,
        oursMs: round(ours.ms, 0),
        bareMs: round(bareMs, 0),
        bareBeforeMs: round(bareBeforeMs, 0),
        bareAfterMs: round(bareAfterMs, 0),
        statuses: ours.statuses,
        medianMsOfOurJobs: ours.timeline,
        medianMsOfPartsAlone: parts,
      },
    },
  ];
}

export const throughputBenchmark: Benchmark = {
  name: 'throughput',
  description: `${TOTAL} one-step no-op jobs through the orchestrator vs raw BullMQ, concurrency ${CONCURRENCY}`,
  async run() {
    const rig = await createPipelineRig({
      label: 'throughput',
      concurrency: CONCURRENCY,
      pipelines: () => ({ throughput: pipelineYaml(JOBS_PER_RUN) }),
    });
    try {
      return await measure(rig);
    } finally {
      await rig.cleanup();
    }
  },
};
