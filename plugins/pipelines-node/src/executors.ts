import { createExtensionPoint } from '@backstage/backend-plugin-api';

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
