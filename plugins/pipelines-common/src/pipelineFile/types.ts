import type { PipelineInput } from '../api/types';

/**
 * A validated `.golive/pipeline.yaml`, with defaults applied. YAML keys are
 * kebab-case (`timeout-minutes`); these fields are their camelCase forms.
 *
 * @public
 */
export interface PipelineFile {
  name: string;
  on: PipelineTriggers;
  /** Environment variables of every job. */
  env: Record<string, string>;
  /** Jobs by key, in file order. */
  jobs: Record<string, PipelineJob>;
}

/**
 * What starts a run besides the API. Branch and tag filters are globs:
 * `*` (within one `/` segment), `**` (across segments) and `?`.
 *
 * @public
 */
export interface PipelineTriggers {
  /** Pushes; without filters, every branch and tag. */
  push?: { branches?: string[]; tags?: string[] };
  /** Pull requests, filtered by base branch. YAML key: `pull_request`. */
  pullRequest?: { branches?: string[] };
  /** Five-field cron expressions, in UTC. */
  schedule?: { cron: string }[];
  /** Runs started by hand, with typed inputs. */
  manual?: { inputs: PipelineInput[] };
}

/**
 * One job of a pipeline file, before matrix expansion.
 *
 * @public
 */
export interface PipelineJob {
  /** Key of the job under `jobs`. */
  key: string;
  /** Display name; defaults to the key. */
  name: string;
  /** Keys of the jobs that must finish first. */
  needs: string[];
  /** Condition in the expression language, `${{ }}` kept as written. */
  if?: string;
  matrix?: PipelineMatrix;
  steps: PipelineStep[];
  /** Default 60. */
  timeoutMinutes: number;
  /** Extra attempts after a failure; default 0, at most 5. */
  retries: number;
  /** Globs of files kept after the job, relative to the workspace. */
  artifacts: string[];
  /** Globs of test reports, kept as artifacts for the testing plugin. */
  reports: { junit: string[]; playwright: string[] };
  cache?: { key: string; paths: string[] };
  /** Deployment target; `approval` makes the job wait for an approver. */
  environment?: { name: string; approval: boolean };
  env: Record<string, string>;
  /** Names of secrets given to the job as environment variables. */
  secrets: string[];
}

/**
 * A job matrix: the cartesian product of `axes`, minus combinations that
 * match an `exclude` entry, plus `include` entries.
 *
 * @public
 */
export interface PipelineMatrix {
  axes: Record<string, (string | number | boolean)[]>;
  include: Record<string, string | number | boolean>[];
  exclude: Record<string, string | number | boolean>[];
}

/**
 * One step of a job.
 *
 * @public
 */
export interface PipelineStep {
  /** Display name; defaults to the first line of `run`. */
  name: string;
  /** The script. */
  run: string;
  /** Default `bash`. */
  shell: 'bash' | 'sh';
  /** Relative to the workspace. */
  workingDirectory?: string;
  env: Record<string, string>;
  timeoutMinutes?: number;
  /** Whether the job goes on when this step fails; default false. */
  continueOnError: boolean;
}

/**
 * One job of a run: a pipeline job, or one combination of its matrix.
 *
 * @public
 */
export interface PlannedJob {
  /** Key of the pipeline job; shared by every combination of a matrix. */
  key: string;
  /** Display name with the matrix values, e.g. `test (node: 22, os: linux)`. */
  name: string;
  matrix?: Record<string, string | number | boolean>;
  /** Keys of the pipeline jobs that must finish first (all their combinations). */
  needs: string[];
  job: PipelineJob;
}

/**
 * The values an `if` expression can read.
 *
 * @public
 */
export interface ConditionContext {
  git: {
    ref: string;
    sha: string;
    branch?: string;
    tag?: string;
    event: string;
    actor: string;
  };
  inputs: Record<string, string | boolean>;
  env: Record<string, string>;
  /** Results of the jobs this job needs, by key. */
  needs: Record<
    string,
    { result: 'success' | 'failure' | 'cancelled' | 'skipped' }
  >;
  matrix?: Record<string, string | number | boolean>;
}
