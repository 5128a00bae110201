import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Run, RunStatus } from '@golive/plugin-pipelines-common';

/**
 * One step for an executor to run: a shell command in a prepared
 * workspace.
 *
 * @public
 */
export interface PipelinesStepSpec {
  /** The script of the step (`run` in the pipeline file). */
  command: string;
  /** Shell that runs the script, such as `bash`. */
  shell: string;
  /** Absolute working directory inside the job's workspace. */
  cwd: string;
  /** Environment of the step, secrets of the job included. */
  env: Record<string, string>;
  /** Milliseconds after which the step is killed and counts as timed out. */
  timeoutMs?: number;
}

/**
 * Outcome of one step run by a {@link PipelinesExecutor}.
 *
 * @public
 */
export interface PipelinesStepResult {
  /** Exit code of the step's process; absent when it was killed. */
  exitCode: number | null;
  /** Name of the signal that ended the process, if any. */
  signal?: string;
  /** Whether the step hit its timeout. */
  timedOut: boolean;
  /** Whether the step was stopped through its abort signal. */
  cancelled: boolean;
  /** Wall-clock duration of the step. */
  durationMs: number;
}

/**
 * Runs the steps of pipeline jobs: local child processes by default,
 * Kubernetes Jobs or others through {@link pipelinesExecutorExtensionPoint}.
 *
 * @public
 */
export interface PipelinesExecutor {
  /**
   * Runs one step to its end. Output goes to `output.write` as it comes.
   * When `signal` aborts, the step and every process it started are
   * stopped and the promise resolves with `cancelled: true`.
   */
  runStep(
    spec: PipelinesStepSpec,
    output: { write(stream: 'stdout' | 'stderr', chunk: string): void },
    signal: AbortSignal,
  ): Promise<PipelinesStepResult>;
}

/**
 * Lets a backend module replace the executor of pipeline steps.
 *
 * @public
 */
export interface PipelinesExecutorExtensionPoint {
  /** Sets the executor; only one module may call this. */
  setExecutor(executor: PipelinesExecutor): void;
}

/**
 * Extension point for {@link PipelinesExecutorExtensionPoint}.
 *
 * @public
 */
export const pipelinesExecutorExtensionPoint =
  createExtensionPoint<PipelinesExecutorExtensionPoint>({
    id: 'pipelines.executor',
  });

/**
 * A source code host (GitHub, GitLab, Bitbucket) that is told the status of
 * the runs of its repositories.
 *
 * @public
 */
export interface PipelinesScmProvider {
  /** Short unique id, such as `github`. */
  id: string;
  /** Whether the repository at this URL is hosted by this provider. */
  supports(repositoryUrl: string): boolean;
  /**
   * Reports the status of a run on its commit. Called on every run status
   * change; failures are logged and never fail the run.
   */
  setCommitStatus(options: {
    repositoryUrl: string;
    run: Run;
    status: RunStatus;
  }): Promise<void>;
}

/**
 * Lets backend modules add SCM providers.
 *
 * @public
 */
export interface PipelinesScmProviderExtensionPoint {
  addScmProvider(provider: PipelinesScmProvider): void;
}

/**
 * Extension point for {@link PipelinesScmProviderExtensionPoint}.
 *
 * @public
 */
export const pipelinesScmProviderExtensionPoint =
  createExtensionPoint<PipelinesScmProviderExtensionPoint>({
    id: 'pipelines.scm-provider',
  });

/**
 * A CI system outside GoLive, such as Jenkins, whose runs of an entity are
 * shown next to GoLive's own.
 *
 * @public
 */
export interface PipelinesExternalCiProvider {
  /** Short unique id, such as `jenkins`. */
  id: string;
  /** Lists recent runs of an entity, newest first; empty when unsupported. */
  listRuns(options: { entityRef: string; limit: number }): Promise<Run[]>;
}

/**
 * Lets backend modules add external CI providers.
 *
 * @public
 */
export interface PipelinesExternalCiExtensionPoint {
  addExternalCiProvider(provider: PipelinesExternalCiProvider): void;
}

/**
 * Extension point for {@link PipelinesExternalCiExtensionPoint}.
 *
 * @public
 */
export const pipelinesExternalCiExtensionPoint =
  createExtensionPoint<PipelinesExternalCiExtensionPoint>({
    id: 'pipelines.external-ci',
  });
