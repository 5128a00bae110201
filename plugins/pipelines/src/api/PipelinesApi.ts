import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateRunRequest,
  ExternalSourceSummary,
  LogLine,
  LogPage,
  PipelineInput,
  Run,
  RunArtifact,
  RunFilter,
  RunList,
  SecretSummary,
  ValidationResult,
} from '@golive/plugin-pipelines-common';

/** The manual trigger of an entity's pipeline, for the "Run pipeline" dialog. */
export interface EntityPipeline {
  name: string;
  path: string;
  inputs: PipelineInput[];
}

/**
 * The answer to starting or re-running an external run (Jenkins, GitHub
 * Actions): the provider took the request, and the run appears in the
 * list once the provider starts it.
 */
export interface RunAccepted {
  accepted: true;
}

/** A run that started, or an external run that was requested. */
export type RunStart = Run | RunAccepted;

/** Whether a started run is only a request to an external provider. */
export function isRunAccepted(start: RunStart): start is RunAccepted {
  return (start as RunAccepted).accepted === true;
}

/** Query of a job's stored log. */
export interface LogQuery {
  /** Only lines after this sequence number. */
  after?: number;
  limit?: number;
  /** Only lines of this step. */
  step?: number;
  /** Only lines containing this text. */
  search?: string;
}

/** Options of a live log tail. */
export interface LogStreamOptions {
  /** Start after this sequence number; 0 or absent starts at the beginning. */
  after?: number;
  /** Called once per line, in order, never twice for the same `seq`. */
  onLine(line: LogLine): void;
  /** Stops the tail. */
  signal?: AbortSignal;
}

/** Talks to the pipelines backend. */
export interface PipelinesApi {
  getSchema(): Promise<unknown>;
  validatePipeline(content: string): Promise<ValidationResult>;
  listRuns(filter?: RunFilter): Promise<RunList>;
  /**
   * Starts a run; with `provider` and `source` asks that external provider
   * for a new build instead, which answers {@link RunAccepted}.
   */
  createRun(request: CreateRunRequest): Promise<RunStart>;
  getRun(runId: string): Promise<Run>;
  cancelRun(runId: string): Promise<Run>;
  /** Re-runs a run; an external run's provider answers {@link RunAccepted}. */
  rerun(runId: string, options?: { failedOnly?: boolean }): Promise<RunStart>;
  decideApproval(
    runId: string,
    jobId: string,
    decision: { decision: 'approve' | 'reject'; comment?: string },
  ): Promise<Run>;
  getLogs(runId: string, jobId: string, query?: LogQuery): Promise<LogPage>;
  /**
   * Follows a job's log live until the job ends or the signal aborts,
   * reconnecting after drops. Resolves when the job's log has ended.
   */
  streamLogs(
    runId: string,
    jobId: string,
    options: LogStreamOptions,
  ): Promise<void>;
  /** Address of the full log, for a download link. */
  getLogDownloadUrl(runId: string, jobId: string): Promise<string>;
  listArtifacts(runId: string): Promise<{ items: RunArtifact[] }>;
  /** Address of one artifact, for a download link. */
  getArtifactUrl(runId: string, artifactId: string): Promise<string>;
  /** Fetches a file with the user's credentials, for downloads. */
  download(url: string): Promise<Blob>;
  /** The entity's pipeline, or `undefined` when it has none. */
  getEntityPipeline(
    entityRef: string,
    options?: { ref?: string },
  ): Promise<EntityPipeline | undefined>;
  /** Where the entity's external runs come from; empty when nowhere. */
  getExternalSources(
    entityRef: string,
  ): Promise<{ items: ExternalSourceSummary[] }>;
  listSecrets(entityRef?: string): Promise<{ items: SecretSummary[] }>;
  putSecret(name: string, value: string, entityRef?: string): Promise<void>;
  deleteSecret(name: string, entityRef?: string): Promise<void>;
}

export const pipelinesApiRef = createApiRef<PipelinesApi>().with({
  id: 'plugin.pipelines.service',
  pluginId: 'pipelines',
});
