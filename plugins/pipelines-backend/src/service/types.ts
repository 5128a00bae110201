import type { PipelinesExecutor } from '@golive/plugin-pipelines-node';

/**
 * What the core needs of the git workspaces (implemented by
 * `GitWorkspace` in `../execution`).
 */
export interface Workspaces {
  prepare(options: {
    repositoryUrl: string;
    sha: string;
    jobId: string;
    attempt: number;
  }): Promise<{ directory: string }>;
  remove(directory: string): Promise<void>;
  readFileAt(options: {
    repositoryUrl: string;
    sha: string;
    path: string;
    maxBytes: number;
  }): Promise<string | undefined>;
  resolveRef(options: {
    repositoryUrl: string;
    ref?: string;
  }): Promise<{ sha: string; ref: string }>;
}

/** Writes one job attempt's output to the log (`JobLogWriter` in `../logs`). */
export interface JobLog {
  write(
    stepIndex: number | undefined,
    stream: 'stdout' | 'stderr' | 'system',
    chunk: string,
  ): void | Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the log of one job attempt. */
export type JobLogFactory = (options: {
  jobId: string;
  secrets: string[];
  /** No line of the job is stored yet: the first attempt just started. */
  empty?: boolean;
}) => Promise<JobLog>;

/** Finds files in a workspace by globs (`collectFiles` in `../execution`). */
export type FileCollector = (
  directory: string,
  globs: string[],
) => Promise<string[]>;

export type { PipelinesExecutor };
