import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipelinesModuleGithub } from '../plugins/pipelines-backend-module-github/src/module';
import {
  githubDeliveryHeaders,
  githubPushPayload,
  PushedCommit,
} from './lib/githubPush';
import { startLoopbackGithubApi } from './lib/loopbackGithubApi';
import { createPipelineRig, PipelineRig } from './lib/pipelineRig';
import { deliveryTimeline } from './lib/deliveryTimeline';
import { countFromEnv, intFromEnv } from './lib/settings';
import { round, summarize, waitUntil, wallClockMs } from './lib/stats';
import {
  bareDispatch,
  latencies,
  MARK_COMMAND,
  parseMarks,
} from './lib/stepMarks';
import type { Benchmark } from './lib/types';

const DELIVERIES = countFromEnv('BENCH_WEBHOOK_DELIVERIES', 200);
const CONCURRENCY = intFromEnv('BENCH_CONCURRENCY', 4);
const RUN_TIMEOUT_MS = 60_000;
const WARM_UP_DELIVERIES = 3;
const TARGET_P99_MS = 100;

const ENTITY = 'webhook';
const SLUG = 'golive-bench/webhook';
const BRANCH = 'main';
const SECRET = `bench-${randomUUID()}`;
const FINAL = ['succeeded', 'failed', 'cancelled'];

/** Runs on a push to main; the first step marks the commit it runs for. */
function pipelineYaml(marks: string) {
  return `name: webhook
on:
  push:
    branches: [${BRANCH}]
env:
  MARKS: ${JSON.stringify(marks)}
jobs:
  first:
    steps:
      - name: Mark
        run: MARK_ID="$GOLIVE_SHA"; ${MARK_COMMAND}
`;
}

/**
 * Commits `count` changes to the branch of the repository, one file edit
 * each, so that every delivery names a commit of its own.
 */
function commitPushes(dir: string, count: number) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' })
      .toString()
      .trim();
  const file = 'pushed.txt';
  let before = git('rev-parse', 'HEAD');
  const pushes: Array<{ before: string; commit: PushedCommit }> = [];
  for (let i = 1; i <= count; i += 1) {
    writeFileSync(join(dir, file), `push ${i}\n`);
    const message = `Push ${i}`;
    git('add', file);
    git('commit', '-q', '-m', message);
    const commit = { sha: git('rev-parse', 'HEAD'), message, file };
    pushes.push({ before, commit });
    before = commit.sha;
  }
  return pushes;
}

async function measure(rig: PipelineRig, githubRequests: string[]) {
  const oursMarks = join(rig.root, 'ours-marks');
  const bareMarks = join(rig.root, 'bare-marks');
  // The commits exist before their deliveries, as after a real push.
  const pushes = commitPushes(
    join(rig.root, 'repos', ENTITY),
    WARM_UP_DELIVERIES + DELIVERIES,
  );
  const webhookUrl = `${rig.baseUrl}/pipelines/webhooks/github`;

  // Ours: the run of the delivery's commit finishes before the next one.
  const runDone = (sha: string, deliveryId: string) => async () => {
    const run = await rig.db
      .knex('pipelines_runs')
      .where({ sha, trigger: 'push' })
      .first('status');
    if (run) return FINAL.includes(run.status);
    const entry = await rig.db
      .knex('pipelines_webhook_inbox')
      .where({ provider: 'github', delivery_id: deliveryId })
      .first('status', 'error');
    if (entry && entry.status !== 'pending' && entry.status !== 'processing') {
      throw new Error(
        `Delivery '${deliveryId}' started no run (${entry.status}): ${entry.error}`,
      );
    }
    return false;
  };
  const answerMs: number[] = [];
  const deliveries = new Map<string, { sha: string; sentAt: number }>();
  let next = 0;
  const oursOne = async () => {
    const { before, commit } = pushes[next];
    next += 1;
    const body = JSON.stringify(
      githubPushPayload({ slug: SLUG, branch: BRANCH, before, commit }),
    );
    const headers = githubDeliveryHeaders({
      event: 'push',
      body,
      secret: SECRET,
    });
    const deliveryId = headers['x-github-delivery'];
    const sentAt = wallClockMs();
    const res = await fetch(webhookUrl, { method: 'POST', headers, body });
    const answer = await res.json();
    answerMs.push(wallClockMs() - sentAt);
    if (res.status !== 202 || answer.duplicate) {
      throw new Error(
        `Delivery answered ${res.status}: ${JSON.stringify(answer)}`,
      );
    }
    deliveries.set(deliveryId, { sha: commit.sha, sentAt });
    await waitUntil(
      `the run of delivery ${deliveryId}`,
      runDone(commit.sha, deliveryId),
      RUN_TIMEOUT_MS,
      5,
    );
    return { id: commit.sha, sentAt };
  };

  const bareOne = bareDispatch({
    rig,
    queueName: 'bench-webhook',
    marks: bareMarks,
    concurrency: CONCURRENCY,
  });

  for (let i = 0; i < WARM_UP_DELIVERIES; i += 1) {
    await oursOne();
    await bareOne();
  }
  answerMs.length = 0;
  deliveries.clear();
  // Alternate, so that noise from the machine falls on both alike.
  const oursSent = new Map<string, number>();
  const bareSent = new Map<string, number>();
  for (let i = 0; i < DELIVERIES; i += 1) {
    const ours = await oursOne();
    oursSent.set(ours.id, ours.sentAt);
    const bare = await bareOne();
    bareSent.set(bare.id, bare.sentAt);
  }

  const oursMarkTimes = parseMarks(rig.readText(oursMarks));
  const breakdown = await deliveryTimeline(rig, deliveries, oursMarkTimes);
  const statuses = await rig.db
    .knex('pipelines_runs')
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  const ours = summarize(latencies(oursSent, oursMarkTimes));
  const bare = summarize(
    latencies(bareSent, parseMarks(rig.readText(bareMarks))),
  );
  const complete = ours.count === DELIVERIES && bare.count === DELIVERIES;
  const metric = (p: string) =>
    `signed push delivery -> first step running, ${p} (${DELIVERIES} deliveries)`;
  return [
    {
      bench: 'webhook',
      metric: metric('p50'),
      unit: 'ms',
      ours: ours.p50,
      baseline: bare.p50,
      ratio: round(ours.p50 / bare.p50),
      target: 'report (no target)',
      pass: complete,
      details: {
        ours,
        bare,
        concurrency: CONCURRENCY,
        statuses,
        answer202Ms: summarize(answerMs),
        medianMsOfOurDeliveries: breakdown,
        requestsToTheLoopbackGithubApi: githubRequests.length,
      },
    },
    {
      bench: 'webhook',
      metric: metric('p99'),
      unit: 'ms',
      ours: ours.p99,
      baseline: bare.p99,
      ratio: round(ours.p99 / bare.p99),
      target: `ours < ${TARGET_P99_MS} ms`,
      pass: complete && ours.p99 < TARGET_P99_MS,
    },
  ];
}

export const webhookBenchmark: Benchmark = {
  name: 'webhook',
  description: `signed GitHub push delivery to the first step's process, ${DELIVERIES} deliveries one at a time, vs BullMQ add -> worker -> spawn`,
  async run() {
    const github = await startLoopbackGithubApi();
    try {
      const rig = await createPipelineRig({
        label: 'webhook',
        concurrency: CONCURRENCY,
        pipelines: root => ({
          [ENTITY]: pipelineYaml(join(root, 'ours-marks')),
        }),
        modules: [pipelinesModuleGithub],
        // found by the payload's full_name; the pipeline and the checkout
        // come from the local repository in golive.dev/repository-url
        annotations: () => ({ 'github.com/project-slug': SLUG }),
        config: {
          integrations: {
            github: [{ host: 'github.com', apiBaseUrl: github.baseUrl }],
          },
          pipelines: { github: { webhookSecret: SECRET } },
        },
      });
      try {
        return await measure(rig, github.requests);
      } finally {
        await rig.cleanup();
      }
    } finally {
      await github.close();
    }
  },
};
