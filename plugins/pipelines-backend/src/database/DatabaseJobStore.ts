import type {
  JobStatus,
  RunArtifact,
  StepStatus,
} from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  FINISHED_JOB_STATUSES,
  jobFromRow,
  jobStateFromRow,
  now,
  stepFromRow,
} from './rows';
import type { JobRecord, JobState } from './types';

const JOBS = 'pipelines_jobs';
const STEPS = 'pipelines_steps';
const ARTIFACTS = 'pipelines_artifacts';

/** Columns of a job but its definition. */
const JOB_STATE_COLUMNS = [
  'id',
  'run_id',
  'position',
  'key',
  'name',
  'status',
  'needs',
  'matrix',
  'environment',
  'approval_required',
  'approval_decision',
  'approval_actor',
  'approval_comment',
  'approval_at',
  'attempt',
  'started_at',
  'finished_at',
  'cancel_requested',
  'heartbeat_at',
  'queued_at',
];

/**
 * Jobs, steps and artifacts of runs. Every write of a worker names the
 * attempt it holds, so a worker that lost its job cannot overwrite the
 * result of a newer attempt.
 */
export class DatabaseJobStore {
  private constructor(private readonly db: Knex) {}

  static create(options: { db: Knex }) {
    return new DatabaseJobStore(options.db);
  }

  async listJobs(runId: string): Promise<JobRecord[]> {
    const rows = await this.db(JOBS)
      .where({ run_id: runId })
      .orderBy('position');
    const steps = await this.db(STEPS)
      .whereIn(
        'job_id',
        rows.map(r => r.id),
      )
      .orderBy('index');
    const stepsByJob = new Map<string, any[]>();
    for (const step of steps) {
      const list = stepsByJob.get(step.job_id) ?? [];
      list.push(step);
      stepsByJob.set(step.job_id, list);
    }
    return rows.map(row =>
      jobFromRow(row, (stepsByJob.get(row.id) ?? []).map(stepFromRow)),
    );
  }

  /**
   * Jobs of a run without their steps, in order, with the definition of
   * pending jobs only: what deciding the next jobs of a run reads. A run of
   * a 100-job matrix is read after every finished job, so the 100
   * definitions are left in the database.
   */
  async listJobStates(runId: string): Promise<JobState[]> {
    const rows = await this.db(JOBS)
      .where({ run_id: runId })
      .orderBy('position')
      .select(
        ...JOB_STATE_COLUMNS,
        this.db.raw(
          "case when status = 'pending' then definition end as definition",
        ),
      );
    return rows.map(row => jobStateFromRow(row));
  }

  /** The statuses that jobs of a run are in, each once. */
  async listStatusesOfRun(runId: string): Promise<JobStatus[]> {
    const rows = await this.db(JOBS)
      .where({ run_id: runId })
      .distinct('status');
    return rows.map(row => row.status);
  }

  /** Statuses of the jobs of a run, by job id. */
  async readStatuses(runId: string): Promise<Map<string, JobStatus>> {
    const rows = await this.db(JOBS)
      .where({ run_id: runId })
      .select('id', 'status');
    return new Map(rows.map(row => [row.id, row.status]));
  }

  /**
   * Moves the given jobs that are still in `from` to `queued`, in one
   * statement. Returns the ids of the jobs this call moved.
   */
  async queueJobs(jobIds: string[], from: JobStatus): Promise<string[]> {
    if (!jobIds.length) return [];
    const rows: Array<{ id: string }> = await this.db(JOBS)
      .whereIn('id', jobIds)
      .where({ status: from })
      .update({ status: 'queued', queued_at: now() }, ['id']);
    return rows.map(row => row.id);
  }

  /** A job; without its step rows (`steps` empty) when `withSteps` is false. */
  async getJob(
    jobId: string,
    options: { withSteps?: boolean } = {},
  ): Promise<JobRecord | undefined> {
    const row = await this.db(JOBS).where({ id: jobId }).first();
    if (!row) return undefined;
    if (options.withSteps === false) return jobFromRow(row);
    const steps = await this.db(STEPS)
      .where({ job_id: jobId })
      .orderBy('index');
    return jobFromRow(row, steps.map(stepFromRow));
  }

  /**
   * Moves a job from one of `from` to `to`, optionally only for a given
   * attempt. Returns whether this call made the change.
   */
  async transition(
    jobId: string,
    from: JobStatus[],
    to: JobStatus,
    options: { attempt?: number; patch?: Record<string, unknown> } = {},
  ): Promise<boolean> {
    const patch: Record<string, unknown> = { status: to, ...options.patch };
    if (to === 'queued') patch.queued_at = now();
    if (to === 'running') {
      patch.started_at = now();
      patch.heartbeat_at = now();
    }
    if (FINISHED_JOB_STATUSES.includes(to)) {
      patch.finished_at = now();
      patch.started_at = this.db.raw('coalesce(started_at, ?)', [now()]);
    }
    const query = this.db(JOBS).where({ id: jobId }).whereIn('status', from);
    if (options.attempt !== undefined)
      query.where({ attempt: options.attempt });
    return (await query.update(patch)) > 0;
  }

  /**
   * Claims a queued job for one attempt, like {@link DatabaseJobStore.claim},
   * and returns the claimed job (without steps) in the same statement.
   */
  async claimJob(
    jobId: string,
    attempt: number,
  ): Promise<JobRecord | undefined> {
    const [row] = await this.db(JOBS)
      .where({ id: jobId, attempt, status: 'queued' })
      .update(
        { status: 'running', started_at: now(), heartbeat_at: now() },
        '*',
      );
    return row ? jobFromRow(row) : undefined;
  }

  /** Claims a queued job for one attempt: the fencing token. */
  claim(jobId: string, attempt: number) {
    return this.transition(jobId, ['queued'], 'running', { attempt });
  }

  /**
   * Gives a job a new attempt: back to `queued`, with fresh steps. Returns
   * the new attempt number, or undefined when the job moved on meanwhile.
   */
  async newAttempt(
    jobId: string,
    expected: { attempt: number; from: JobStatus[] },
  ): Promise<number | undefined> {
    return this.db.transaction(async tx => {
      const count = await tx(JOBS)
        .where({ id: jobId, attempt: expected.attempt })
        .whereIn('status', expected.from)
        .update({
          status: 'queued',
          attempt: expected.attempt + 1,
          queued_at: now(),
          started_at: null,
          finished_at: null,
          heartbeat_at: null,
          cancel_requested: false,
        });
      if (!count) return undefined;
      await tx(STEPS).where({ job_id: jobId }).update({
        status: 'pending',
        exit_code: null,
        started_at: null,
        finished_at: null,
        duration_ms: null,
      });
      return expected.attempt + 1;
    });
  }

  /** Records that the worker of an attempt is alive; reads the cancel flag. */
  async heartbeat(
    jobId: string,
    attempt: number,
  ): Promise<{ owned: boolean; cancelRequested: boolean }> {
    await this.db(JOBS)
      .where({ id: jobId, attempt, status: 'running' })
      .update({ heartbeat_at: now() });
    return this.readCancelFlag(jobId, attempt);
  }

  async readCancelFlag(jobId: string, attempt: number) {
    const row = await this.db(JOBS)
      .join('pipelines_runs', 'pipelines_runs.id', `${JOBS}.run_id`)
      .where(`${JOBS}.id`, jobId)
      .first(
        `${JOBS}.status as status`,
        `${JOBS}.attempt as attempt`,
        `${JOBS}.cancel_requested as job_cancel`,
        'pipelines_runs.cancel_requested as run_cancel',
      );
    const flag = (v: unknown) => v === true || v === 1;
    return {
      owned:
        !!row && row.status === 'running' && Number(row.attempt) === attempt,
      cancelRequested: !!row && (flag(row.job_cancel) || flag(row.run_cancel)),
    };
  }

  async requestCancel(jobId: string) {
    await this.db(JOBS).where({ id: jobId }).update({ cancel_requested: true });
  }

  async setApproval(
    jobId: string,
    approval: { decision: string; actor: string; comment?: string },
  ): Promise<boolean> {
    const count = await this.db(JOBS)
      .where({ id: jobId, status: 'waiting' })
      .whereNull('approval_decision')
      .update({
        approval_decision: approval.decision,
        approval_actor: approval.actor,
        approval_comment: approval.comment ?? null,
        approval_at: now(),
      });
    return count > 0;
  }

  /** Updates a step, only while the attempt still holds the job. */
  async updateStep(
    jobId: string,
    attempt: number,
    index: number,
    patch: {
      status: StepStatus;
      exitCode?: number;
      startedAt?: string;
      finishedAt?: string;
      durationMs?: number;
    },
  ): Promise<boolean> {
    const count = await this.db(STEPS)
      .where({ job_id: jobId, index })
      .whereExists(q =>
        q
          .select('id')
          .from(JOBS)
          .where({ id: jobId, attempt, status: 'running' }),
      )
      .update({
        status: patch.status,
        exit_code: patch.exitCode ?? null,
        started_at: patch.startedAt ?? null,
        finished_at: patch.finishedAt ?? null,
        duration_ms: patch.durationMs ?? null,
      });
    return count > 0;
  }

  /** Marks the steps that never ran of a finished job. */
  async closePendingSteps(jobId: string, status: StepStatus) {
    await this.db(STEPS)
      .where({ job_id: jobId })
      .whereIn('status', ['pending', 'running'])
      .update({ status, finished_at: now() });
  }

  /** Jobs of unfinished runs in the given statuses, for the reconciler. */
  async listJobsInStatus(statuses: JobStatus[]): Promise<JobRecord[]> {
    const rows = await this.db(JOBS).whereIn('status', statuses).limit(1000);
    return rows.map(row => jobFromRow(row));
  }

  async addArtifact(
    artifact: Omit<RunArtifact, 'id' | 'createdAt'> & {
      runId: string;
      attempt: number;
      storageName: string;
    },
  ) {
    await this.db(ARTIFACTS).insert({
      id: randomUUID(),
      run_id: artifact.runId,
      job_id: artifact.jobId,
      attempt: artifact.attempt,
      path: artifact.path,
      kind: artifact.kind,
      storage_name: artifact.storageName,
      size: artifact.size,
      created_at: now(),
    });
  }

  async listArtifacts(
    runId: string,
  ): Promise<Array<RunArtifact & { storageName: string }>> {
    const rows = await this.db(ARTIFACTS)
      .where({ run_id: runId })
      .orderBy([{ column: 'created_at' }, { column: 'path' }]);
    return rows.map(row => ({
      id: row.id,
      jobId: row.job_id,
      path: row.path,
      kind: row.kind,
      size: Number(row.size),
      createdAt: row.created_at,
      storageName: row.storage_name,
    }));
  }
}
