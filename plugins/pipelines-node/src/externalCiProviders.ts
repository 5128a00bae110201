import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  PipelineInput,
  RunJob,
  RunStatus,
  RunTrigger,
} from '@golive/plugin-pipelines-common';

/**
 * One place an entity's runs come from in an external CI system: a
 * Jenkins job on a named instance, the GitHub Actions workflows of a
 * repository.
 *
 * @public
 */
export interface PipelinesExternalSource {
  /**
   * Stable key, unique per entity and provider, such as
   * `main:shop/web-build`. Kept in the database; never shown alone.
   */
  key: string;
  /** What users read, such as `shop/web-build (main)`. */
  label: string;
  /** Web page of the source in the external system. */
  url?: string;
}

/**
 * A run of an external CI system, mapped to GoLive's words.
 *
 * @public
 */
export interface PipelinesExternalRun {
  /** Id of the run within its source, such as a Jenkins build number. */
  externalId: string;
  /** Run number as the external system shows it. */
  number: number;
  /** Pipeline, job or workflow name. */
  name: string;
  status: RunStatus;
  trigger: RunTrigger;
  actor: string;
  ref?: string;
  sha?: string;
  /** Parameters of the run (Jenkins build parameters, workflow inputs). */
  inputs: Record<string, string | boolean>;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Web page of the run in the external system. */
  url: string;
}

/**
 * An external run with its jobs (Jenkins stages, GitHub Actions jobs) and
 * their steps.
 *
 * @public
 */
export interface PipelinesExternalRunDetail extends PipelinesExternalRun {
  /**
   * Job ids must be stable for the life of the run; steps may be empty.
   * `attempt` is 1 unless the system reports attempts.
   */
  jobs: RunJob[];
}

/**
 * A piece of an external run's log.
 *
 * @public
 */
export interface PipelinesExternalLogChunk {
  /** Text from `offset` on, ANSI escapes kept. */
  text: string;
  /**
   * Offset to ask for next time, in the provider's own unit (Jenkins
   * counts bytes, others characters): callers only hand it back.
   */
  nextOffset: number;
  /** Whether more text may come (the run or job has not finished). */
  more: boolean;
}

/**
 * A CI system outside GoLive, such as Jenkins or GitHub Actions, whose runs
 * the pipelines backend keeps in step with its own table and shows in the
 * same views. Calls go out with backend credentials only.
 *
 * Methods throw `ServiceUnavailableError` from `@backstage/errors` when
 * the system does not answer or answers 5xx, with a message that names it
 * (`Jenkins "main" is not answering`); the backend shows that message and
 * retries. `NotFoundError` means the run, job or source is gone.
 *
 * @public
 */
export interface PipelinesExternalCiProvider {
  /** Short unique id, such as `jenkins`; shown as a badge through `title`. */
  id: string;
  /** Display name, such as `Jenkins` or `GitHub Actions`. */
  title: string;
  /**
   * Catalog annotations that mark entities this provider serves, such as
   * `jenkins.io/job-full-name`; the backend lists entities that carry any.
   */
  annotations: string[];
  /** Sources of runs of one entity; empty when it has none. */
  sourcesOf(entity: Entity): PipelinesExternalSource[];
  /**
   * A page of runs of one source, newest first. Pass `nextCursor` back as
   * `cursor` to go further back; it is absent on the last page.
   */
  listRuns(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    limit: number;
    cursor?: string;
  }): Promise<{ runs: PipelinesExternalRun[]; nextCursor?: string }>;
  /** One run with its jobs and steps; undefined when it does not exist. */
  getRun(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
  }): Promise<PipelinesExternalRunDetail | undefined>;
  /**
   * The log of a run from an offset on: 0, or a `nextOffset` this
   * provider returned (its unit is the provider's own). `jobId` narrows it
   * to one job where the system keeps logs per job.
   */
  readLog(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
    jobId?: string;
    offset: number;
  }): Promise<PipelinesExternalLogChunk>;
  /** Typed parameters for a new run of the source; empty when it takes none. */
  getInputs?(options: {
    entity: Entity;
    source: PipelinesExternalSource;
  }): Promise<PipelineInput[]>;
  /**
   * Whether `trigger` can start a run of the source, such as a GitHub
   * repository with exactly one workflow that takes workflow_dispatch.
   * Absent: every source can be started when `trigger` is given.
   */
  canTrigger?(options: {
    entity: Entity;
    source: PipelinesExternalSource;
  }): Promise<boolean>;
  /** Starts a new run; absent when the system cannot be triggered. */
  trigger?(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    inputs: Record<string, string | boolean>;
    actor: string;
  }): Promise<void>;
  /** Runs an existing run again; absent when unsupported. */
  rerun?(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
    actor: string;
  }): Promise<void>;
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
