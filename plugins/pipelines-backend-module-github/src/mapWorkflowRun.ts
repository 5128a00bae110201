import type {
  JobStatus,
  RunJob,
  RunStatus,
  RunStep,
  RunTrigger,
  StepStatus,
} from '@golive/plugin-pipelines-common';
import type { PipelinesExternalRun } from '@golive/plugin-pipelines-node';

/** The fields of a GitHub workflow run object that GoLive reads. */
export interface GithubWorkflowRun {
  id: number;
  name?: string | null;
  display_title?: string;
  workflow_id: number;
  run_number: number;
  run_attempt?: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  actor?: { login: string } | null;
  triggering_actor?: { login: string } | null;
}

/** The fields of a GitHub workflow job object that GoLive reads. */
export interface GithubWorkflowJob {
  id: number;
  run_id: number;
  run_attempt?: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  steps?: Array<{
    name: string;
    number: number;
    status: string;
    conclusion: string | null;
    started_at?: string | null;
    completed_at?: string | null;
  }>;
}

export function mapWorkflowRun(run: GithubWorkflowRun): PipelinesExternalRun {
  const finished = run.status === 'completed';
  return {
    externalId: String(run.id),
    number: run.run_number,
    name: run.name ?? run.display_title ?? `Workflow ${run.workflow_id}`,
    status: runStatus(run.status, run.conclusion),
    trigger: runTrigger(run.event),
    actor: run.triggering_actor?.login ?? run.actor?.login ?? 'github',
    ref: run.head_branch ?? undefined,
    sha: run.head_sha,
    inputs: {},
    createdAt: run.created_at,
    startedAt: run.run_started_at ?? undefined,
    finishedAt: finished ? run.updated_at : undefined,
    url: run.html_url,
  };
}

export function mapWorkflowJob(job: GithubWorkflowJob): RunJob {
  const startedAt = job.started_at ?? undefined;
  const finishedAt = job.completed_at ?? undefined;
  return {
    id: String(job.id),
    key: job.name,
    name: job.name,
    status: jobStatus(job.status, job.conclusion),
    needs: [],
    approvalRequired: false,
    attempt: job.run_attempt ?? 1,
    startedAt,
    finishedAt,
    durationMs: duration(startedAt, finishedAt),
    steps: (job.steps ?? []).map(
      (step): RunStep => ({
        id: `${job.id}:${step.number}`,
        index: step.number - 1,
        name: step.name,
        status: stepStatus(step.status, step.conclusion),
        startedAt: step.started_at ?? undefined,
        finishedAt: step.completed_at ?? undefined,
        durationMs: duration(
          step.started_at ?? undefined,
          step.completed_at ?? undefined,
        ),
      }),
    ),
  };
}

/**
 * GitHub's run states: queued, requested, pending, waiting, in_progress,
 * completed; a completed run has a conclusion. `skipped` and `stale` runs
 * did not run, which reads as cancelled; `neutral` did not fail.
 */
export function runStatus(
  status: string | null,
  conclusion: string | null,
): RunStatus {
  switch (status) {
    case 'in_progress':
      return 'running';
    case 'waiting':
    case 'action_required':
      return 'waiting';
    case 'completed':
      return concluded(conclusion);
    default:
      return 'queued';
  }
}

function concluded(
  conclusion: string | null,
): 'succeeded' | 'failed' | 'cancelled' | 'waiting' {
  switch (conclusion) {
    case 'success':
    case 'neutral':
      return 'succeeded';
    case 'cancelled':
    case 'skipped':
    case 'stale':
      return 'cancelled';
    case 'action_required':
      return 'waiting';
    default:
      // failure, timed_out, startup_failure
      return 'failed';
  }
}

function jobStatus(status: string, conclusion: string | null): JobStatus {
  if (status === 'completed' && conclusion === 'skipped') {
    return 'skipped';
  }
  return runStatus(status, conclusion);
}

function stepStatus(status: string, conclusion: string | null): StepStatus {
  if (status === 'in_progress') {
    return 'running';
  }
  if (status !== 'completed') {
    return 'pending';
  }
  if (conclusion === 'skipped') {
    return 'skipped';
  }
  const mapped = concluded(conclusion);
  return mapped === 'waiting' ? 'pending' : mapped;
}

export function runTrigger(event: string): RunTrigger {
  switch (event) {
    case 'push':
      return 'push';
    case 'pull_request':
    case 'pull_request_target':
      return 'pull_request';
    case 'schedule':
      return 'schedule';
    case 'workflow_dispatch':
      return 'manual';
    default:
      return 'api';
  }
}

function duration(start?: string, end?: string): number | undefined {
  if (!start || !end) {
    return undefined;
  }
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
