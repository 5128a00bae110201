import {
  ConditionContext,
  JobStatus,
  RunStatus,
} from '@golive/plugin-pipelines-common';
import { FINISHED_JOB_STATUSES } from '../database/rows';
import type { JobRecord, RunRecord } from '../database/types';

/** Whether a job status is final. */
export const isFinished = (status: JobStatus) =>
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
  job: Pick<JobRecord, 'definition' | 'matrix'>,
  needed: Array<Pick<JobRecord, 'key' | 'status'>>,
): ConditionContext {
  const needs: ConditionContext['needs'] = {};
  for (const n of needed) {
    // a matrix key fails when any of its combinations failed
    const prior = needs[n.key]?.result;
    const result = RESULTS[n.status] ?? 'failure';
    needs[n.key] = { result: prior && prior !== 'success' ? prior : result };
  }
  // resolvers name tags in full (refs/tags/<name>); other refs are branches
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
