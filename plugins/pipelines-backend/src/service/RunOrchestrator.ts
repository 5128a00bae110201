import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { JobQueue } from '@golive/platform-node';
import { evaluateCondition, JobStatus } from '@golive/plugin-pipelines-common';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import type { JobState, RunRecord } from '../database/types';
import type { RunNotifier } from '../notifications/RunNotifier';
import type { CommitStatusOutbox } from '../scm/CommitStatusOutbox';
import { RunAnnouncer } from './RunAnnouncer';
import { conditionContext, deriveRunStatus, isFinished } from './runConditions';

/**
 * Data of a queue entry of `pipelines-jobs`: ids only. The run's id lets
 * the worker read the run while it claims the job; entries without it
 * still work.
 */
export type PipelineJobData = {
  jobId: string;
  attempt: number;
  runId?: string;
};

export const PIPELINES_QUEUE = 'pipelines-jobs';

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
  ) {
    this.announcer = RunAnnouncer.create(deps);
  }

  static create(deps: RunOrchestrator['deps']) {
    return new RunOrchestrator(deps);
  }

  /** Events, signals and commit statuses of status changes. */
  readonly announcer: RunAnnouncer;

  /** The commit status outbox, for its scheduler task. */
  get commitStatuses(): CommitStatusOutbox | undefined {
    return this.deps.commitStatuses;
  }

  /** Puts one attempt of a job on the queue; duplicates are ignored. */
  async enqueue(jobId: string, attempt: number, runId?: string) {
    await this.deps.queue.add(
      runId ? { jobId, attempt, runId } : { jobId, attempt },
      { jobId: `${jobId}-${attempt}`, attempts: 3, backoffDelayMs: 1000 },
    );
  }

  /**
   * Reads the jobs of a run once, moves what can move, queues the ready
   * jobs in one statement and derives the run's status.
   *
   * @remarks
   *
   * The statuses are read again before the run's status is derived only
   * when this call changed a job: a worker that finished a job meanwhile
   * read before those changes, so one of the two sees all of them. The
   * planner hands in the run it has just created, which nobody else can
   * have changed yet.
   */
  async advance(runId: string, created?: RunRecord): Promise<void> {
    const run = created ?? (await this.deps.runs.getRun(runId));
    // external CI runs move in their own system
    if (!run || run.provider) return;
    if (!created) {
      // most calls (a job of a matrix finished) have nothing to decide
      const present = await this.deps.jobs.listStatusesOfRun(runId);
      const undecided = present.some(
        s =>
          s === 'pending' ||
          s === 'waiting' ||
          (run.cancelRequested && s === 'queued'),
      );
      if (!undecided) {
        await this.settleRunStatus(run, present);
        return;
      }
    }
    const jobs = await this.deps.jobs.listJobStates(runId);

    let changed = false;
    if (run.cancelRequested) {
      for (const job of jobs) {
        if (['pending', 'waiting', 'queued'].includes(job.status)) {
          await this.deps.jobs.transition(job.id, [job.status], 'cancelled');
          changed = true;
        }
      }
    } else {
      const ready: JobState[] = [];
      for (const job of jobs) {
        const next = await this.advanceJob(run, job, jobs);
        if (next === 'ready') ready.push(job);
        else if (next) job.status = next;
        changed ||= next !== undefined;
      }
      await this.queueJobs(run, ready);
    }

    let statuses = jobs.map(job => job.status);
    if (changed) {
      const current = await this.deps.jobs.readStatuses(runId);
      statuses = jobs.map(job => current.get(job.id) ?? job.status);
    }
    await this.settleRunStatus(run, statuses);
  }

  /** Derives the run's status from the statuses its jobs are in. */
  private async settleRunStatus(run: RunRecord, statuses: JobStatus[]) {
    const status = deriveRunStatus(
      statuses.map(s => ({ status: s })),
      run.cancelRequested,
    );
    // a run is read before its jobs: a status it already had still holds
    if (status === run.status) return;
    if (await this.deps.runs.setRunStatus(run.id, status)) {
      await this.announcer.announceRun(run, status);
      if (status === 'failed') await this.deps.notifier?.runFailed(run);
    }
  }

  /**
   * Marks the run of a job whose attempt was just claimed as running. A run
   * with a running job is running whatever its other jobs do.
   */
  async jobClaimed(run: RunRecord): Promise<void> {
    if (run.status === 'running') return;
    if (await this.deps.runs.setRunStatus(run.id, 'running')) {
      await this.announcer.announceRun(run, 'running');
    }
  }

  /**
   * Decides one job: the status it moved to, `ready` for a pending job the
   * caller queues, or undefined when it stays as it is.
   */
  private async advanceJob(
    run: RunRecord,
    job: JobState,
    all: JobState[],
  ): Promise<JobStatus | 'ready' | undefined> {
    if (job.status === 'waiting') {
      if (job.approval?.decision === 'approved') {
        if (await this.queueJob(run, job, 'waiting')) return 'queued';
      } else if (job.approval?.decision === 'rejected') {
        if (await this.deps.jobs.transition(job.id, ['waiting'], 'cancelled')) {
          await this.announcer.announceJob(
            run,
            job,
            'job.finished',
            'cancelled',
          );
          return 'cancelled';
        }
      }
      return undefined;
    }
    if (job.status !== 'pending') return undefined;

    const needed = all.filter(other => job.needs.includes(other.key));
    if (!needed.every(n => isFinished(n.status))) return undefined;

    const allSucceeded = needed.every(
      n => n.status === 'succeeded' || n.status === 'skipped',
    );
    let runIt = allSucceeded;
    const definition = job.definition;
    if (!definition) throw new Error(`Job "${job.id}" has no definition`);
    if (definition.if) {
      try {
        runIt = evaluateCondition(
          definition.if,
          conditionContext(run, { ...job, definition }, needed),
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
        await this.announcer.announceJob(run, job, 'job.finished', 'skipped');
        return 'skipped';
      }
    } else if (job.approvalRequired && !job.approval) {
      if (await this.deps.jobs.transition(job.id, ['pending'], 'waiting')) {
        await this.announcer.announceJob(run, job, 'job.waiting', 'waiting');
        await this.deps.notifier?.approvalWaiting(run, job);
        return 'waiting';
      }
    } else {
      return 'ready';
    }
    return undefined;
  }

  /** Queues ready pending jobs: one update, the queue entries side by side. */
  private async queueJobs(run: RunRecord, ready: JobState[]) {
    const moved = new Set(
      await this.deps.jobs.queueJobs(
        ready.map(job => job.id),
        'pending',
      ),
    );
    await Promise.all(
      ready
        .filter(job => moved.has(job.id))
        .map(async job => {
          job.status = 'queued';
          await this.enqueue(job.id, job.attempt, run.id);
          this.deps.logger.debug('Queued job', {
            runId: run.id,
            jobId: job.id,
          });
        }),
    );
  }

  private async queueJob(run: RunRecord, job: JobState, from: JobStatus) {
    if (await this.deps.jobs.transition(job.id, [from], 'queued')) {
      await this.enqueue(job.id, job.attempt, run.id);
      this.deps.logger.debug('Queued job', { runId: run.id, jobId: job.id });
      return true;
    }
    return false;
  }
}
