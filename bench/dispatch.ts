import { join } from 'node:path';
import { countFromEnv, intFromEnv } from './lib/settings';
import { createPipelineRig, PipelineRig } from './lib/pipelineRig';
import { jobTimeline } from './lib/jobTimeline';
import {
  bareDispatch,
  latencies,
  MARK_COMMAND,
  parseMarks,
} from './lib/stepMarks';
import { round, summarize, waitUntil, wallClockMs } from './lib/stats';
import type { Benchmark } from './lib/types';

const RUNS = countFromEnv('BENCH_DISPATCH_RUNS', 200);
const CONCURRENCY = intFromEnv('BENCH_CONCURRENCY', 4);
const RUN_TIMEOUT_MS = 60_000;
const WARM_UP_RUNS = 3;

function pipelineYaml(marks: string) {
  return `name: dispatch
on:
  manual: {}
env:
  MARKS: ${JSON.stringify(marks)}
jobs:
  first:
    steps:
      - name: Mark
        run: MARK_ID="$GOLIVE_RUN_ID"; ${MARK_COMMAND}
`;
}

async function measure(rig: PipelineRig) {
  const oursMarks = join(rig.root, 'ours-marks');
  const bareMarks = join(rig.root, 'bare-marks');

  // Ours: POST /runs, then wait for the run to finish before the next one.
  const runFinished = (runId: string) => async () => {
    const row = await rig.db
      .knex('pipelines_runs')
      .where({ id: runId })
      .first('status');
    return ['succeeded', 'failed', 'cancelled'].includes(row?.status);
  };
  const oursOne = async () => {
    const sentAt = wallClockMs();
    const run = await rig.post('/runs', {
      entityRef: 'component:default/dispatch',
    });
    await waitUntil(`run ${run.id}`, runFinished(run.id), RUN_TIMEOUT_MS, 5);
    return { id: run.id as string, sentAt };
  };

  // Baseline: BullMQ add, a worker under the same prefix, a bare spawn.
  const bareOne = bareDispatch({
    rig,
    queueName: 'bench-dispatch',
    marks: bareMarks,
    concurrency: CONCURRENCY,
  });

  for (let i = 0; i < WARM_UP_RUNS; i += 1) {
    await oursOne();
    await bareOne();
  }
  // Alternate, so that noise from the machine falls on both alike.
  const oursSent = new Map<string, number>();
  const bareSent = new Map<string, number>();
  for (let i = 0; i < RUNS; i += 1) {
    const ours = await oursOne();
    oursSent.set(ours.id, ours.sentAt);
    const bare = await bareOne();
    bareSent.set(bare.id, bare.sentAt);
  }
  const statuses = await rig.db
    .knex('pipelines_runs')
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  const timeline = await jobTimeline(rig.db.knex);
  const oursMarkTimes = parseMarks(rig.readText(oursMarks));
  const edges = await rig.db
    .knex('pipelines_runs as r')
    .join('pipelines_jobs as j', 'j.run_id', 'r.id')
    .join('pipelines_steps as s', 's.job_id', 'j.id')
    .select('r.id', 'r.created_at', 's.started_at');
  const postToCreated: number[] = [];
  const stepToProcess: number[] = [];
  for (const edge of edges) {
    const sentAt = oursSent.get(edge.id);
    const mark = oursMarkTimes.get(edge.id);
    if (sentAt !== undefined) {
      postToCreated.push(Date.parse(edge.created_at) - sentAt);
    }
    if (mark !== undefined && edge.started_at) {
      stepToProcess.push(mark - Date.parse(edge.started_at));
    }
  }
  timeline.post_sent_to_run_created = round(summarize(postToCreated).p50, 1);
  timeline.step_started_to_process_running = round(
    summarize(stepToProcess).p50,
    1,
  );

  const ours = summarize(latencies(oursSent, oursMarkTimes));
  const bare = summarize(
    latencies(bareSent, parseMarks(rig.readText(bareMarks))),
  );
  return [
    {
      bench: 'dispatch',
      metric: `POST /runs -> first step running, p50 (${RUNS} runs)`,
      unit: 'ms',
      ours: ours.p50,
      baseline: bare.p50,
      ratio: round(ours.p50 / bare.p50),
      target: 'ratio <= 2.5',
      pass: ours.p50 / bare.p50 <= 2.5 && ours.count === RUNS,
      details: {
        ours,
        bare,
        concurrency: CONCURRENCY,
        statuses,
        medianMsOfOurJobs: timeline,
      },
    },
    {
      bench: 'dispatch',
      metric: `POST /runs -> first step running, p99 (${RUNS} runs)`,
      unit: 'ms',
      ours: ours.p99,
      baseline: bare.p99,
      ratio: round(ours.p99 / bare.p99),
      target: 'report (no target)',
      pass: ours.count === RUNS,
    },
  ];
}

export const dispatchBenchmark: Benchmark = {
  name: 'dispatch',
  description: `POST /runs to the first step's process, ${RUNS} runs one at a time, vs BullMQ add -> worker -> spawn`,
  async run() {
    const rig = await createPipelineRig({
      label: 'dispatch',
      concurrency: CONCURRENCY,
      pipelines: root => ({ dispatch: pipelineYaml(join(root, 'ours-marks')) }),
    });
    try {
      return await measure(rig);
    } finally {
      await rig.cleanup();
    }
  },
};
