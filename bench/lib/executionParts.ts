import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { GitWorkspace } from '../../plugins/pipelines-backend/src/execution/GitWorkspace';
import { LocalExecutor } from '../../plugins/pipelines-backend/src/execution/LocalExecutor';
import { createBenchLogger } from './benchLogger';
import { spawnBare } from './pipelineRig';
import { round, summarize } from './stats';

const SAMPLES = 30;

async function median(fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return round(summarize(samples).p50, 1);
}

/**
 * Medians of the worker's building blocks alone, one at a time, beside a
 * bare spawn of the same command: which part of a job's path is slow.
 */
export async function measureExecutionParts(options: {
  root: string;
  repositoryUrl: string;
}) {
  const logger = createBenchLogger();
  const executor = LocalExecutor.create({ logger });
  const workspaces = GitWorkspace.create({
    rootDirectory: join(options.root, 'parts-workspaces'),
    logger,
  });
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
    cwd: options.repositoryUrl,
    encoding: 'utf8',
  }).trim();
  const signal = new AbortController().signal;
  const sink = { write: () => undefined };

  return {
    bareSpawnTrue: await median(() => spawnBare('true', {})),
    localExecutorRunStepTrue: await median(() =>
      executor.runStep(
        { command: 'true', shell: 'bash', cwd: options.root, env: {} },
        sink,
        signal,
      ),
    ),
    gitWorkspacePrepareAndRemove: await median(async () => {
      const { directory } = await workspaces.prepare({
        repositoryUrl: options.repositoryUrl,
        sha,
        jobId: randomUUID(),
        attempt: 1,
      });
      await workspaces.remove(directory);
    }),
  };
}
