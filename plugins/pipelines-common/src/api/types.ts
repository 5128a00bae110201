/**
 * State of a run. `waiting` means a deployment job waits for approval.
 *
 * @public
 */
export type RunStatus =
  | 'queued'
  | 'running'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/**
 * State of a job. `pending` waits for the jobs it needs; `waiting` waits for
 * a deployment approval; `skipped` means its `if` was false or a needed job
 * did not succeed.
 *
 * @public
 */
export type JobStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'skipped';

/** State of a step. @public */
export type StepStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'skipped';

/** What started a run. @public */
export type RunTrigger =
  | 'manual'
  | 'push'
  | 'pull_request'
  | 'schedule'
  | 'api';

/** One step of a job, as the API returns it. @public */
export interface RunStep {
  id: string;
  /** 0-based position within the job. */
  index: number;
  name: string;
  status: StepStatus;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
}

/** An approval decision on a deployment job. @public */
export interface JobApproval {
  decision: 'approved' | 'rejected';
  actor: string;
  comment?: string;
  decidedAt: string;
}

/** One job of a run (one matrix combination is one job). @public */
export interface RunJob {
  id: string;
  /** Job key in the pipeline file, e.g. `test`. */
  key: string;
  /** Display name, with the matrix values, e.g. `test (node: 22)`. */
  name: string;
  status: JobStatus;
  /** Keys of the jobs this one needs. */
  needs: string[];
  matrix?: Record<string, string | number | boolean>;
  /** Deployment environment, for deployment jobs. */
  environment?: string;
  approvalRequired: boolean;
  approval?: JobApproval;
  /** Attempt number of the current or last execution, from 1. */
  attempt: number;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  steps: RunStep[];
}

/** A pipeline run, as the API returns it. @public */
export interface Run {
  id: string;
  /** Run number within its entity, from 1. */
  number: number;
  entityRef: string;
  pipelineName: string;
  status: RunStatus;
  trigger: RunTrigger;
  actor: string;
  ref: string;
  sha: string;
  inputs: Record<string, string | boolean>;
  /** Id of the run this one re-runs, if any. */
  rerunOf?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** Present on `GET /runs/:runId`, absent in lists. */
  jobs?: RunJob[];
  /**
   * Id of the external CI provider that ran it, such as `jenkins` or
   * `github-actions`; absent for GoLive's own runs.
   */
  provider?: string;
  /** Display name of `provider`, for its badge, such as `Jenkins`. */
  providerTitle?: string;
  /** Label of the external source, such as a Jenkins job's full name. */
  source?: string;
  /** Web page of an external run in its own system. */
  url?: string;
}

/**
 * Health of an external CI provider for the runs on a page: `unavailable`
 * means its last sync failed and is retried; its runs may be stale.
 *
 * @public
 */
export interface ProviderStatus {
  provider: string;
  providerTitle: string;
  state: 'ok' | 'unavailable';
  /** Why it is unavailable, such as `Jenkins "main" is not answering`. */
  message?: string;
  /** When the last sync succeeded. */
  lastSyncedAt?: string;
  /** When the next attempt is due. */
  retryAt?: string;
}

/**
 * Where an entity's external runs come from, for the "Run pipeline"
 * dialog: one Jenkins job, the GitHub Actions workflows of a repository.
 *
 * @public
 */
export interface ExternalSourceSummary {
  provider: string;
  providerTitle: string;
  /** Key to pass as `source` in `POST /runs`. */
  source: string;
  label: string;
  url?: string;
  /** Typed parameters of a new run; empty when it takes none. */
  inputs: PipelineInput[];
  /** Whether a new run can be started from the portal. */
  canTrigger: boolean;
}

/** A page of runs from `GET /runs`. @public */
export interface RunList {
  items: Run[];
  /** Number of matching runs, counted up to 10,000. */
  totalCount: number;
  /**
   * Present and true when more runs match than were counted: `totalCount`
   * is then a lower bound.
   */
  totalCountCapped?: boolean;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
  /**
   * External CI providers whose runs could be on this page, with their
   * health; absent when none is installed.
   */
  providers?: ProviderStatus[];
}

/** Filters of `GET /runs`. @public */
export interface RunFilter {
  entityRef?: string;
  status?: RunStatus[];
  ref?: string;
  actor?: string;
  trigger?: RunTrigger[];
  /** Provider ids; `golive` stands for GoLive's own runs. */
  provider?: string[];
  limit?: number;
  cursor?: string;
}

/** Body of `POST /runs`. @public */
export interface CreateRunRequest {
  entityRef: string;
  /** Branch or tag; default: the repository's default branch. */
  ref?: string;
  /** Commit to run; default: the head of `ref`. */
  sha?: string;
  inputs?: Record<string, string | boolean>;
  /**
   * External CI provider to start the run on, with `source` from
   * `GET /external-sources`; absent for a GoLive pipeline run. `ref` and
   * `sha` do not apply to external runs.
   */
  provider?: string;
  source?: string;
}

/** One line of a job's log. @public */
export interface LogLine {
  /** Sequence number within the job, from 1, without gaps. */
  seq: number;
  /** Index of the step that wrote it; absent for the runner's own lines. */
  stepIndex?: number;
  stream: 'stdout' | 'stderr' | 'system';
  /** ISO timestamp. */
  time: string;
  /** The line, secrets masked, ANSI escapes kept for the viewer. */
  text: string;
}

/** A page of log lines from `GET /runs/:runId/jobs/:jobId/logs`. @public */
export interface LogPage {
  lines: LogLine[];
  /** Whether the job's log hit its cap and was cut. */
  truncated: boolean;
  /** Whether more lines may still come (the job has not finished). */
  live: boolean;
}

/** An artifact kept by a job. @public */
export interface RunArtifact {
  id: string;
  jobId: string;
  /** Path relative to the workspace, e.g. `reports/junit.xml`. */
  path: string;
  kind: 'artifact' | 'report';
  size: number;
  createdAt: string;
}

/** One problem found in a pipeline file. @public */
export interface PipelineProblem {
  message: string;
  /** Dotted path of the offending value, e.g. `jobs.test.needs[0]`. */
  path?: string;
  /** 1-based line and column in the file. */
  line?: number;
  column?: number;
}

/** Answer of `POST /validate`. @public */
export interface ValidationResult {
  valid: boolean;
  problems: PipelineProblem[];
}

/** A typed input of a manual trigger, for the "Run pipeline" dialog. @public */
export interface PipelineInput {
  name: string;
  type: 'string' | 'boolean' | 'choice';
  description?: string;
  required: boolean;
  default?: string | boolean;
  options?: string[];
}

/** Name of a stored secret; values never leave the backend. @public */
export interface SecretSummary {
  name: string;
  /** Absent for global secrets. */
  entityRef?: string;
  updatedAt: string;
  updatedBy: string;
}
