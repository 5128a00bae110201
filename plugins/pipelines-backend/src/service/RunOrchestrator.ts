import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { JobQueue } from '@golive/platform-node';
import {
  ConditionContext,
  evaluateCondition,
  JobEvent,
  JobStatus,
  PIPELINES_EVENT_TOPIC,
  RunEvent,
  RunStatus,
  RUNS_SIGNAL_CHANNEL,
  runSignalChannel,
} from '@golive/plugin-pipelines-common';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import { FINISHED_JOB_STATUSES } from '../database/rows';
import type { JobRecord, RunRecord } from '../database/types';
import type { RunNotifier } from '../notifications/RunNotifier';
import type { CommitStatusOutbox } from '../scm/CommitStatusOutbox';

/** Data of a queue entry of `pipelines-jobs`: ids only. */
export type PipelineJobData = { jobId: string; attempt: number };

export const PIPELINES_QUEUE = 'pipelines-jobs';

const isFinished = (status: JobStatus) =>
  FINISHED_JOB_STATUSES.includes(status);

/** Derives the status of a run from the statuses of its jobs. */
export function deriveRunStatus(
  jobs: Array<{ status: JobStatus }>,
  cancelRequested: boolean,
): RunStatus {
  const statuses = jobs.map(j => j.status);
  if (statuses.every(isFinished)) {
    if (statuses.includes('failed')) return 'failed';
    if (cancelRequested || statuses.includes('cancelled')) return 'cancelled';
    return 'succeeded';
  }
  const active = statuses.some(s => s === 'running' || s === 'queued');
  if (!active && statuses.includes('waiting')) return 'waiting';
  if (statuses.some(s => s === 'running' || isFinished(s))) return 'running';
  return 'queued';
}

const RESULTS: Partial<Record<JobStatus, NeedResult>> = {
  succeeded: 'success',
  failed: 'failure',
  cancelled: 'cancelled',
  skipped: 'skipped',
};
type NeedResult = ConditionContext['needs'][string]['result'];

/** What an `if` of a job reads: the run's commit, inputs, env and needs. */
export function conditionContext(
  run: RunRecord,
  job: JobRecord,
  needed: JobRecord[],
): ConditionContext {
  const needs: ConditionContext['needs'] = {};
  for (const n of needed) {
    // a matrix key fails when any of its combinations failed
    const prior = needs[n.key]?.result;
    const result = RESULTS[n.status] ?? 'failure';
    needs[n.key] = { result: prior && prior !== 'success' ? prior : result };
  }
  // TODO(golive): a short ref is taken as a branch; tell tags apart once the resolver reports the ref's kind
  const tag = run.ref.startsWith('refs/tags/')
    ? run.ref.slice('refs/tags/'.length)
    : undefined;
  const branch = tag ? undefined : run.ref.replace(/^refs\/heads\//, '');
  return {
    git: {
      ref: run.ref,
      sha: run.sha,
      branch,
      tag,
      event: run.trigger,
      actor: run.actor,
    },
    inputs: run.inputs,
    env: { ...run.env, ...job.definition.env },
    needs,
    matrix: job.matrix,
  };
}

/**
 * Moves runs forward: decides which pending jobs become ready, skipped or
 * waiting for approval, puts ready jobs on the queue, derives the run's
 * status and tells everyone who listens. Safe to call any number of times,
 * from any process: every change is a conditional update.
 */
export class RunOrchestrator {
  private constructor(
    private readonly deps: {
      runs: DatabaseRunStore;
      jobs: DatabaseJobStore;
      queue: JobQueue<PipelineJobData>;
      events: EventsService;
      signals: SignalsService;
      /** Where commit statuses go; none without SCM providers. */
      commitStatuses?: CommitStatusOutbox;
      logger: LoggerService;
      notifier?: RunNotifier;
    },
  ) {}

  static create(deps: RunOrchestrator['deps']) {
    return new RunOrchestrator(deps);
  }

  /** The commit status outbox, for its scheduler task. */
  get commitStatuses(): CommitStatusOutbox | undefined {
    return this.deps.commitStatuses;
  }

  /** Puts one attempt of a job on the queue; duplicates are ignored. */
  async enqueue(jobId: string, attempt: number) {
    await this.deps.queue.add(
      { jobId, attempt },
      { jobId: `${jobId}-${attempt}`, attempts: 3, backoffDelayMs: 1000 },
    );
  }

  async advance(runId: string): Promise<void> {
    const run = await this.deps.runs.getRun(runId);
    // external CI runs move in their own system
    if (!run || run.provider) return;
    let jobs = await this.deps.jobs.listJobs(runId);

    if (run.cancelRequested) {
      for (const job of jobs) {
        if (['pending', 'waiting', 'queued'].includes(job.status)) {
          await this.deps.jobs.transition(job.id, [job.status], 'cancelled');
        }
      }
    } else {
      for (const job of jobs) {
        await this.advanceJob(run, job, jobs);
      }
    }

    jobs = await this.deps.jobs.listJobs(runId);
    const status = deriveRunStatus(jobs, run.cancelRequested);
    if (await this.deps.runs.setRunStatus(runId, status)) {
      await this.announceRun(run, status);
      if (status === 'failed') await this.deps.notifier?.runFailed(run);
    }
  }

  private async advanceJob(run: RunRecord, job: JobRecord, all: JobRecord[]) {
    if (job.status === 'waiting') {
      if (job.approval?.decision === 'approved') {
        await this.queueJob(run, job, 'waiting');
      } else if (job.approval?.decision === 'rejected') {
        await this.deps.jobs.transition(job.id, ['waiting'], 'cancelled');
        await this.announceJob(run, job, 'job.finished', 'cancelled');
      }
      return;
    }
    if (job.status !== 'pending') return;

    const needed = all.filter(other => job.needs.includes(other.key));
    if (!needed.every(n => isFinished(n.status))) return;

    const allSucceeded = needed.every(
      n => n.status === 'succeeded' || n.status === 'skipped',
    );
    let runIt = allSucceeded;
    if (job.definition.if) {
      try {
        runIt = evaluateCondition(
          job.definition.if,
          conditionContext(run, job, needed),
        );
      } catch (error) {
        this.deps.logger.warn('Condition of job could not be evaluated', {
          runId: run.id,
          jobId: job.id,
          error: String(error),
        });
        runIt = false;
      }
    }

    if (!runIt) {
      if (await this.deps.jobs.transition(job.id, ['pending'], 'skipped')) {
        await this.deps.jobs.closePendingSteps(job.id, 'skipped');
        await this.announceJob(run, job, 'job.finished', 'skipped');
      }
    } else if (job.approvalRequired && !job.approval) {
      if (await this.deps.jobs.transition(job.id, ['pending'], 'waiting')) {
        await this.announceJob(run, job, 'job.waiting', 'waiting');
        await this.deps.notifier?.approvalWaiting(run, job);
      }
    } else {
      await this.queueJob(run, job, 'pending');
    }
  }

  private async queueJob(run: RunRecord, job: JobRecord, from: JobStatus) {
    if (await this.deps.jobs.transition(job.id, [from], 'queued')) {
      await this.enqueue(job.id, job.attempt);
      this.deps.logger.debug('Queued job', { runId: run.id, jobId: job.id });
    }
  }

  async announceJob(
    run: Pick<RunRecord, 'id' | 'entityRef'>,
    job: Pick<JobRecord, 'id' | 'key' | 'attempt'>,
    type: JobEvent['type'],
    status: JobStatus,
  ) {
    const payload: JobEvent = {
      type,
      runId: run.id,
      jobId: job.id,
      jobKey: job.key,
      entityRef: run.entityRef,
      status,
      attempt: job.attempt,
    };
    await this.publish(payload, run.id);
  }

  async announceRun(run: RunRecord, status: RunStatus) {
    let type: RunEvent['type'] = 'run.started';
    if (status === 'queued') type = 'run.created';
    if (['succeeded', 'failed', 'cancelled'].includes(status)) {
      type = 'run.finished';
    }
    const payload: RunEvent = {
      type,
      runId: run.id,
      entityRef: run.entityRef,
      status,
      sha: run.sha,
      ref: run.ref,
      trigger: run.trigger,
      actor: run.actor,
    };
    await this.publish(payload, run.id);
    await this.recordCommitStatus(run, status);
  }

  /** Writes the commit status to the outbox, then sends it in the background. */
  private async recordCommitStatus(run: RunRecord, status: RunStatus) {
    const outbox = this.deps.commitStatuses;
    if (!outbox) return;
    const logError = (error: unknown) =>
      this.deps.logger.error('Commit status could not be recorded', {
        runId: run.id,
        status,
        error: String(error),
      });
    try {
      if (!(await outbox.record(run, status)).length) return;
    } catch (error) {
      logError(error);
      return;
    }
    outbox.deliverRun(run.id).catch(logError);
  }

  private async publish(payload: RunEvent | JobEvent, runId: string) {
    try {
      await this.deps.events.publish({
        topic: PIPELINES_EVENT_TOPIC,
        eventPayload: payload,
      });
      const message = { ...payload } as Record<string, string | number>;
      // TODO(golive): signals go to every signed-in user; scope them to readers of the entity
      const recipients = { type: 'broadcast' as const };
      await this.deps.signals.publish({
        recipients,
        channel: runSignalChannel(runId),
        message,
      });
      await this.deps.signals.publish({
        recipients,
        channel: RUNS_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      this.deps.logger.warn('Status change could not be published', {
        runId,
        error: String(error),
      });
    }
  }
}
