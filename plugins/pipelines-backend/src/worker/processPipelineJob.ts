import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArtifactStore,
  JobContext,
  PermanentJobError,
} from '@golive/platform-node';
import type { JobStatus } from '@golive/plugin-pipelines-common';
import { resolve } from 'node:path';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import type { DatabaseSecretStore } from '../database/DatabaseSecretStore';
import type {
  PipelineJobData,
  RunOrchestrator,
} from '../service/RunOrchestrator';
import type {
  FileCollector,
  JobLogFactory,
  PipelinesExecutor,
  Workspaces,
} from '../service/types';
import { collectArtifacts } from './collectArtifacts';
import {
  cacheStorageName,
  evaluateCacheKey,
  restoreCache,
  saveCache,
} from './jobCache';
import type { JobCancellations } from './JobCancellations';
import { runSteps } from './runSteps';

export type ProcessPipelineJobDeps = {
  runs: DatabaseRunStore;
  jobs: DatabaseJobStore;
  secrets: DatabaseSecretStore;
  orchestrator: RunOrchestrator;
  workspaces: Workspaces;
  executor: PipelinesExecutor;
  openLog: JobLogFactory;
  collectFiles: FileCollector;
  artifacts: ArtifactStore;
  cancellations: JobCancellations;
  logger: LoggerService;
  /** How often the worker polls the cancel flag; default 500 ms. */
  pollIntervalMs?: number;
  /** How often the worker records its heartbeat; default 5 s. */
  heartbeatIntervalMs?: number;
};

/**
 * Runs one attempt of one job: the handler of the `pipelines-jobs` queue.
 * The attempt in the queue entry is the fencing token: a claim and every
 * later write succeed only while the job's row still holds that attempt.
 */
export async function processPipelineJob(
  context: Pick<JobContext<PipelineJobData>, 'data' | 'signal'> &
    Partial<Pick<JobContext<PipelineJobData>, 'attempt'>>,
  deps: ProcessPipelineJobDeps,
): Promise<void> {
  const { jobId, attempt } = context.data;
  const logger = deps.logger.child({ jobId, attempt });

  // claim first, reading the run meanwhile when the entry names it
  const [claimed, knownRun] = await Promise.all([
    deps.jobs.claimJob(jobId, attempt),
    context.data.runId ? deps.runs.getRun(context.data.runId) : undefined,
  ]);
  const job = claimed ?? (await deps.jobs.getJob(jobId, { withSteps: false }));
  if (!job) throw new PermanentJobError(`Job "${jobId}" is gone`);
  const run =
    knownRun?.id === job.runId ? knownRun : await deps.runs.getRun(job.runId);
  if (!run) throw new PermanentJobError(`Run "${job.runId}" is gone`);
  if (!claimed) {
    if (
      (context.attempt ?? 1) > 1 &&
      job.status === 'running' &&
      job.attempt === attempt
    ) {
      // the queue handed this entry out again: the worker that held it died
      // (its host's orphan reaper ends the steps it left running)
      await requeue(
        deps,
        run.id,
        jobId,
        attempt,
        'Worker of job attempt was lost',
      );
      return;
    }
    logger.debug('Job attempt is not claimable, skipping');
    return;
  }
  logger.info('Job started', { runId: run.id });
  await deps.orchestrator.announcer.announceJob(
    run,
    job,
    'job.started',
    'running',
  );
  // the run's status need not hold up the workspace and the first step
  const runMarked = deps.orchestrator
    .jobClaimed(run)
    .catch(error =>
      logger.warn('Run could not be marked running', { error: String(error) }),
    );

  const controller = deps.cancellations.register(jobId);
  let shutdown = false;
  const onQueueAbort = () => {
    shutdown = true;
    controller.abort(new Error('shutdown'));
  };
  context.signal.addEventListener('abort', onQueueAbort);
  let timedOut = false;
  let lostLease = false;
  const jobTimer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, job.definition.timeoutMinutes * 60_000);

  let lastBeat = Date.now();
  const poll = setInterval(async () => {
    try {
      const beat = Date.now() - lastBeat >= (deps.heartbeatIntervalMs ?? 5000);
      const flag = beat
        ? await deps.jobs.heartbeat(jobId, attempt)
        : await deps.jobs.readCancelFlag(jobId, attempt);
      if (beat) lastBeat = Date.now();
      if (!flag.owned) lostLease = true;
      if (flag.cancelRequested || !flag.owned) {
        controller.abort(new Error('cancelled'));
      }
    } catch (error) {
      logger.warn('Cancel flag could not be read', { error: String(error) });
    }
  }, deps.pollIntervalMs ?? 500);

  const secrets = run.fromFork
    ? {}
    : await deps.secrets.resolve(job.definition.secrets, run.entityRef);
  // a claimed first attempt is the first to write the job's log
  const log = await deps.openLog({
    jobId,
    secrets: Object.values(secrets),
    empty: attempt === 1,
  });
  let directory: string | undefined;
  let status: JobStatus = 'failed';
  try {
    await log.write(
      undefined,
      'system',
      `Attempt ${attempt} of job "${job.name}"\n`,
    );
    if (run.fromFork && job.definition.secrets.length) {
      await log.write(
        undefined,
        'system',
        'Secrets withheld: pull request from a fork\n',
      );
    }
    // TODO(golive): claim to first step costs about 8 ms here (workspace
    // copy, cache restore, log open); run alone, the dispatch benchmark's
    // p50 is 3.4 times its baseline (2.3 in the full run), above the 2.5
    // target. Prepare the workspace while the job is announced and its
    // secrets and log are opened (cleaning up if one of those fails).
    ({ directory } = await deps.workspaces.prepare({
      repositoryUrl: run.repositoryUrl,
      sha: run.sha,
      jobId,
      attempt,
    }));
    await log.write(undefined, 'system', `Checked out ${run.sha}\n`);

    const env = {
      ...run.env,
      ...job.definition.env,
      GOLIVE_RUN_ID: run.id,
      GOLIVE_JOB_ID: jobId,
      GOLIVE_SHA: run.sha,
      GOLIVE_REF: run.ref,
      CI: 'true',
    };
    const cache = job.definition.cache && {
      paths: job.definition.cache.paths,
      name: cacheStorageName(
        run.entityRef,
        evaluateCacheKey(job.definition.cache.key, {
          git: { sha: run.sha, ref: run.ref },
          inputs: run.inputs,
          env,
          matrix: job.matrix ?? {},
        }),
        { fromFork: run.fromFork },
      ),
    };
    if (cache) {
      const restored = await restoreCache({
        artifacts: deps.artifacts,
        name: cache.name,
        workspace: directory,
      }).catch(error => {
        logger.warn('Cache could not be restored', { error: String(error) });
        return false;
      });
      await log.write(
        undefined,
        'system',
        restored ? 'Restored cache\n' : 'No cache to restore\n',
      );
    }

    const outcome = await runSteps({
      job,
      attempt,
      directory,
      env,
      secrets,
      signal: controller.signal,
      executor: deps.executor,
      jobs: deps.jobs,
      log,
    });
    status = outcome;
    if (timedOut) status = 'failed';

    if (cache && status === 'succeeded') {
      const saved = await saveCache({
        artifacts: deps.artifacts,
        name: cache.name,
        workspace: directory,
        paths: cache.paths,
      }).catch(error => {
        logger.warn('Cache could not be saved', { error: String(error) });
        return `not saved: ${error.message}`;
      });
      await log.write(
        undefined,
        'system',
        typeof saved === 'number'
          ? `Saved ${saved} cache path(s)\n`
          : `Cache ${saved}\n`,
      );
    }

    const stored = await collectArtifacts({
      directory,
      runId: run.id,
      jobId,
      attempt,
      definition: job.definition,
      collectFiles: deps.collectFiles,
      artifacts: deps.artifacts,
      jobs: deps.jobs,
    });
    if (stored.length) {
      await log.write(
        undefined,
        'system',
        `Stored ${stored.length} artifact(s)\n`,
      );
    }
  } catch (error) {
    logger.warn('Job attempt failed', { error: String(error) });
    await log.write(undefined, 'system', `Job failed: ${String(error)}\n`);
    status = controller.signal.aborted && !timedOut ? 'cancelled' : 'failed';
  } finally {
    clearInterval(poll);
    clearTimeout(jobTimer);
    context.signal.removeEventListener('abort', onQueueAbort);
    deps.cancellations.unregister(jobId, controller);
    if (timedOut) {
      await log.write(undefined, 'system', 'Job timed out\n');
    }
    await log.close().catch(() => {});
    if (directory) {
      await deps.workspaces.remove(directory).catch(error =>
        logger.warn('Workspace could not be removed', {
          error: String(error),
        }),
      );
    }
  }

  await runMarked;
  if (lostLease) {
    logger.warn('Job attempt lost its lease; its result is dropped');
    return;
  }
  if (shutdown) {
    // stopping this backend is no verdict on the job: another worker runs it
    await requeue(
      deps,
      run.id,
      jobId,
      attempt,
      'Job attempt stopped by shutdown',
    );
    return;
  }
  await finishJob({ deps, run, job, attempt, status, logger });
}

async function finishJob(options: {
  deps: ProcessPipelineJobDeps;
  run: { id: string; entityRef: string; cancelRequested: boolean };
  job: { id: string; key: string; definition: { retries: number } };
  attempt: number;
  status: JobStatus;
  logger: LoggerService;
}) {
  const { deps, run, job, attempt, logger } = options;
  let status = options.status;
  const flag = await deps.jobs.readCancelFlag(job.id, attempt);
  if (flag.cancelRequested) status = 'cancelled';

  if (status === 'failed' && attempt <= job.definition.retries) {
    const next = await deps.jobs.newAttempt(job.id, {
      attempt,
      from: ['running'],
    });
    if (next) {
      logger.info('Job failed, retrying', { next });
      await deps.orchestrator.enqueue(job.id, next, run.id);
      return;
    }
  }

  const finished = await deps.jobs.transition(job.id, ['running'], status, {
    attempt,
  });
  if (!finished) {
    logger.warn('Job result dropped: a newer attempt holds the job');
    return;
  }
  if (status !== 'succeeded') {
    // a job succeeds only when each of its steps ended and was recorded
    await deps.jobs.closePendingSteps(
      job.id,
      status === 'cancelled' ? 'cancelled' : 'skipped',
    );
  }
  logger.info('Job finished', { status });
  await deps.orchestrator.announcer.announceJob(
    run,
    { ...job, attempt },
    'job.finished',
    status,
  );
  await deps.orchestrator.advance(run.id);
}

/**
 * Gives a job whose attempt ended without a verdict a new attempt and queues
 * it. When the queue is gone already, the reconciler queues it later.
 */
async function requeue(
  deps: ProcessPipelineJobDeps,
  runId: string,
  jobId: string,
  attempt: number,
  reason: string,
) {
  const next = await deps.jobs.newAttempt(jobId, {
    attempt,
    from: ['running'],
  });
  if (!next) return;
  deps.logger.warn(reason, { jobId, attempt, next });
  await deps.orchestrator.enqueue(jobId, next, runId).catch(error =>
    deps.logger.warn('Job could not be queued; the reconciler will', {
      jobId,
      error: String(error),
    }),
  );
}

/** Where a step runs: its working directory, kept inside the workspace. */
export function stepDirectory(workspace: string, workingDirectory?: string) {
  const directory = resolve(workspace, workingDirectory ?? '.');
  if (directory !== workspace && !directory.startsWith(`${workspace}/`)) {
    throw new Error(
      `Working directory "${workingDirectory}" leaves the workspace`,
    );
  }
  return directory;
}
