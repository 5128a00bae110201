import type {
  JobApproval,
  JobStatus,
  Run,
  RunJob,
  RunTrigger,
} from '@golive/plugin-pipelines-common';

/** A job definition as the worker needs it (the planner's snapshot). */
export type JobDefinition = {
  steps: Array<{
    name: string;
    run: string;
    shell: string;
    workingDirectory?: string;
    env: Record<string, string>;
    timeoutMinutes?: number;
    continueOnError: boolean;
  }>;
  if?: string;
  timeoutMinutes: number;
  retries: number;
  artifacts: string[];
  reports: { junit: string[]; playwright: string[] };
  env: Record<string, string>;
  secrets: string[];
  /** Paths kept between runs of the entity under a key (`${{ }}` parts). */
  cache?: { key: string; paths: string[] };
};

/** A run as stored, with what the API does not show. */
export type RunRecord = Run & {
  pipelinePath: string;
  repositoryUrl: string;
  snapshot: string;
  fromFork: boolean;
  cancelRequested: boolean;
  /** Pipeline-level env, from the snapshot. */
  env: Record<string, string>;
  /** Key of the external source (provider other than `golive`). */
  sourceKey?: string;
  /** Id of an external run within its source. */
  externalId?: string;
};

/** A job as stored, with what the API does not show. */
export type JobRecord = RunJob & {
  runId: string;
  position: number;
  definition: JobDefinition;
  cancelRequested: boolean;
  heartbeatAt?: string;
  queuedAt?: string;
};

/** Input of {@link DatabaseRunStore.createRun}. */
export type NewRun = {
  entityRef: string;
  pipelineName: string;
  pipelinePath: string;
  repositoryUrl: string;
  trigger: RunTrigger;
  actor: string;
  ref: string;
  sha: string;
  inputs: Record<string, string | boolean>;
  snapshot: string;
  env: Record<string, string>;
  rerunOf?: string;
  fromFork?: boolean;
  jobs: Array<{
    /** Chosen by the caller to queue the job at once; new otherwise. */
    id?: string;
    key: string;
    name: string;
    needs: string[];
    matrix?: Record<string, string | number | boolean>;
    environment?: string;
    approvalRequired: boolean;
    definition: JobDefinition;
    /**
     * Carried over from the original run on a re-run of failed jobs, or
     * `queued` for a job ready at once (no needs, no condition, no
     * approval) that the caller puts on the queue after the insert.
     */
    status?: JobStatus;
  }>;
};

export type { JobApproval };

/**
 * A job as advancing its run reads it: no steps, and the definition only
 * while the job is pending (the only time a decision needs it).
 */
export type JobState = Omit<JobRecord, 'definition' | 'steps'> & {
  definition?: JobDefinition;
};
