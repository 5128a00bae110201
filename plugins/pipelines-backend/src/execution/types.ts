/**
 * What the executor runs for one step of a job.
 *
 * @public
 */
export interface StepSpec {
  /** The script of the step, given to the shell with `-c`. */
  command: string;
  /**
   * The shell. `bash` runs with `-e -o pipefail` and without profile or rc
   * files; `sh` runs with `-e`.
   */
  shell: 'bash' | 'sh';
  /** Absolute working directory, inside the job's workspace. */
  cwd: string;
  /**
   * The step's environment: the only variables it sees besides a minimal
   * `PATH`, `HOME` and `LANG`, which these override.
   */
  env: Record<string, string>;
  /** Time limit; when it passes, the step's process tree is killed. */
  timeoutMs?: number;
}

/**
 * How a step ended.
 *
 * @public
 */
export interface StepResult {
  /** Exit code of the shell; null when a signal ended it or it never ran. */
  exitCode: number | null;
  /** The signal that ended the shell, such as `SIGTERM`. */
  signal?: string;
  /** Whether the step was killed because its time limit passed. */
  timedOut: boolean;
  /** Whether the step was killed because its abort signal fired. */
  cancelled: boolean;
  durationMs: number;
}

/**
 * Receives the output of a step as it arrives, decoded as UTF-8.
 *
 * @public
 */
export interface StepOutputSink {
  write(stream: 'stdout' | 'stderr', chunk: string): void;
}
