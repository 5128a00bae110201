import type {
  JobStatus,
  RunStatus,
  RunStep,
  RunTrigger,
  StepStatus,
} from '@golive/plugin-pipelines-common';
import type { JobRecord, JobState, RunRecord } from './types';

/** Value of the `provider` column for GoLive's own runs. */
export const GOLIVE_PROVIDER = 'golive';

/** Timestamps are stored as ISO strings so both databases order them alike. */
export const now = () => new Date().toISOString();

const optional = <T>(value: T | null | undefined): T | undefined =>
  value === null ? undefined : value;

const bool = (value: unknown) => value === true || value === 1 || value === '1';

const durationOf = (start?: string | null, end?: string | null) =>
  start && end ? Date.parse(end) - Date.parse(start) : undefined;

export function runFromRow(row: any): RunRecord {
  const snapshot = JSON.parse(row.pipeline_snapshot);
  return {
    id: row.id,
    number: Number(row.number),
    entityRef: row.entity_ref,
    pipelineName: row.pipeline_name,
    status: row.status as RunStatus,
    trigger: row.trigger as RunTrigger,
    actor: row.actor,
    ref: row.ref,
    sha: row.sha,
    inputs: JSON.parse(row.inputs),
    rerunOf: optional(row.rerun_of),
    createdAt: row.created_at,
    startedAt: optional(row.started_at),
    finishedAt: optional(row.finished_at),
    durationMs: durationOf(row.started_at, row.finished_at),
    pipelinePath: row.pipeline_path,
    repositoryUrl: row.repository_url,
    snapshot: snapshot.content,
    env: snapshot.env ?? {},
    fromFork: bool(row.from_fork),
    cancelRequested: bool(row.cancel_requested),
    ...externalFields(row),
  };
}

/** Provider, source and link of an external CI run; none for own runs. */
function externalFields(row: any): Partial<RunRecord> {
  if (!row.provider || row.provider === GOLIVE_PROVIDER) return {};
  return {
    provider: row.provider,
    source: optional(row.source_label),
    sourceKey: optional(row.source_key),
    externalId: optional(row.external_id),
    url: optional(row.url),
  };
}

export function jobFromRow(row: any, steps: RunStep[] = []): JobRecord {
  return {
    id: row.id,
    runId: row.run_id,
    position: Number(row.position),
    key: row.key,
    name: row.name,
    status: row.status as JobStatus,
    needs: JSON.parse(row.needs),
    matrix: row.matrix ? JSON.parse(row.matrix) : undefined,
    environment: optional(row.environment),
    approvalRequired: bool(row.approval_required),
    approval: row.approval_decision
      ? {
          decision: row.approval_decision,
          actor: row.approval_actor,
          comment: optional(row.approval_comment),
          decidedAt: row.approval_at,
        }
      : undefined,
    attempt: Number(row.attempt),
    startedAt: optional(row.started_at),
    finishedAt: optional(row.finished_at),
    durationMs: durationOf(row.started_at, row.finished_at),
    steps,
    definition: JSON.parse(row.definition),
    cancelRequested: bool(row.cancel_requested),
    heartbeatAt: optional(row.heartbeat_at),
    queuedAt: optional(row.queued_at),
  };
}

/** A job row read without steps; the definition only where selected. */
export function jobStateFromRow(row: any): JobState {
  const {
    steps: _steps,
    definition: _definition,
    ...rest
  } = jobFromRow({
    ...row,
    definition: 'null',
  });
  return {
    ...rest,
    definition: row.definition ? JSON.parse(row.definition) : undefined,
  };
}

export function stepFromRow(row: any): RunStep {
  return {
    id: row.id,
    index: Number(row.index),
    name: row.name,
    status: row.status as StepStatus,
    exitCode: row.exit_code === null ? undefined : Number(row.exit_code),
    startedAt: optional(row.started_at),
    finishedAt: optional(row.finished_at),
    durationMs: row.duration_ms === null ? undefined : Number(row.duration_ms),
  };
}

/** Strips the internal fields of a run for the API. */
export function toApiRun(run: RunRecord, jobs?: JobRecord[]) {
  const {
    pipelinePath: _p,
    repositoryUrl: _r,
    snapshot: _s,
    fromFork: _f,
    cancelRequested: _c,
    env: _e,
    sourceKey: _sk,
    externalId: _x,
    ...rest
  } = run;
  return {
    ...rest,
    jobs: jobs?.map(
      ({
        runId: _run,
        position: _pos,
        definition: _d,
        cancelRequested: _cr,
        heartbeatAt: _h,
        queuedAt: _q,
        ...job
      }) => job,
    ),
  };
}

export const FINISHED_JOB_STATUSES: JobStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
];

export const FINISHED_RUN_STATUSES: RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
];
