import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  expandJobs,
  MAX_PIPELINE_FILE_BYTES,
  PipelineFile,
  PipelineProblem,
  resolveInputs,
  RunTrigger,
} from '@golive/plugin-pipelines-common';
import type { PipelinesScmProvider } from '@golive/plugin-pipelines-node';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import { parsePipelineOffThread } from './parsePipelineOffThread';
import type { JobStatus } from '@golive/plugin-pipelines-common';
import type { JobDefinition, RunRecord } from '../database/types';
import type { RunOrchestrator } from '../service/RunOrchestrator';
import type { Workspaces } from '../service/types';
import { resolveRepository } from './resolveRepository';

/** A full SHA-1 or SHA-256 commit id. */
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** An InputError whose JSON body lists the problems of a pipeline file. */
export function pipelineProblemsError(
  message: string,
  problems: PipelineProblem[],
) {
  return Object.assign(new InputError(message), { problems });
}

export type LoadedPipeline = {
  entityRef: string;
  repositoryUrl: string;
  pipelinePath: string;
  ref: string;
  sha: string;
  content: string;
  pipeline: PipelineFile;
};

/**
 * Turns a trigger into a stored run: finds the entity's repository, reads
 * the pipeline file at the commit, validates and expands it, stores run,
 * jobs and steps at once, and queues the jobs that are ready.
 */
export class RunPlanner {
  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      workspaces: Workspaces;
      runs: DatabaseRunStore;
      orchestrator: RunOrchestrator;
      dataDirectory: string;
      logger: LoggerService;
      /** Git hosts whose slug annotations name repositories. */
      scmProviders?: PipelinesScmProvider[];
    },
  ) {}

  static create(deps: RunPlanner['deps']) {
    return new RunPlanner(deps);
  }

  /** Reads and validates the pipeline of an entity at a ref or commit. */
  async loadPipeline(options: {
    entityRef: string;
    ref?: string;
    sha?: string;
    credentials: BackstageCredentials;
  }): Promise<LoadedPipeline> {
    const entity = await this.deps.catalog.getEntityByRef(options.entityRef, {
      credentials: options.credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity "${options.entityRef}" not found`);
    }
    const location = resolveRepository(
      entity,
      this.deps.dataDirectory,
      this.deps.scmProviders,
    );
    if (!location) {
      throw new NotFoundError(
        `Entity "${options.entityRef}" has no repository annotation`,
      );
    }

    const { repositoryUrl, pipelinePath } = location;
    // a webhook names both; its ref may be gone already (a force push).
    // Bitbucket names pull request heads by a 12-character prefix only,
    // which the provider expands.
    const fullSha =
      options.sha !== undefined && FULL_SHA.test(options.sha)
        ? options.sha
        : undefined;
    const resolved =
      options.ref !== undefined && fullSha !== undefined
        ? { ref: options.ref, sha: fullSha }
        : await this.deps.workspaces.resolveRef({
            repositoryUrl,
            ref: options.sha ?? options.ref,
          });
    const sha = fullSha ?? resolved.sha;
    const content = await this.deps.workspaces.readFileAt({
      repositoryUrl,
      sha,
      path: pipelinePath,
      maxBytes: MAX_PIPELINE_FILE_BYTES,
    });
    if (content === undefined) {
      throw new NotFoundError(
        `No pipeline file "${pipelinePath}" at commit "${sha}"`,
      );
    }
    const { pipeline, problems } = await parsePipelineOffThread(content);
    if (!pipeline || problems.length) {
      throw pipelineProblemsError(
        `Pipeline file "${pipelinePath}" is invalid`,
        problems,
      );
    }
    return {
      entityRef: stringifyEntityRef(entity),
      repositoryUrl,
      pipelinePath,
      ref:
        options.sha !== undefined && options.ref !== undefined
          ? options.ref
          : resolved.ref,
      sha,
      content,
      pipeline,
    };
  }

  async createRun(options: {
    entityRef: string;
    ref?: string;
    sha?: string;
    inputs?: Record<string, string | boolean>;
    trigger: RunTrigger;
    actor: string;
    credentials: BackstageCredentials;
    rerunOf?: string;
    /** Statuses carried over per job name, for a re-run of failed jobs. */
    keep?: Map<string, JobStatus>;
    /** Whether the commit comes from a fork: its jobs get no secrets. */
    fromFork?: boolean;
    /** The pipeline as `loadPipeline` returned it, to read it only once. */
    loaded?: LoadedPipeline;
  }): Promise<RunRecord> {
    const loaded = options.loaded ?? (await this.loadPipeline(options));
    const { pipeline } = loaded;

    const expanded = expandJobs(pipeline);
    const inputs = resolveInputs(
      pipeline.on.manual?.inputs ?? [],
      options.inputs ?? {},
    );
    const problems = [...expanded.problems, ...inputs.problems];
    if (problems.length) {
      throw pipelineProblemsError(
        `Pipeline "${pipeline.name}" cannot run`,
        problems,
      );
    }

    // a job with nothing to wait for is stored as queued and queued at once
    const jobs = expanded.jobs.map(planned => {
      const approvalRequired = Boolean(planned.job.environment?.approval);
      const kept = options.keep?.get(planned.name);
      const ready =
        !kept && !planned.needs.length && !planned.job.if && !approvalRequired;
      return {
        id: randomUUID(),
        key: planned.key,
        name: planned.name,
        needs: planned.needs,
        matrix: planned.matrix,
        environment: planned.job.environment?.name,
        approvalRequired,
        status: ready ? ('queued' as const) : kept,
        definition: toDefinition(planned.job),
      };
    });
    const run = await this.deps.runs.createRun({
      entityRef: loaded.entityRef,
      pipelineName: pipeline.name,
      pipelinePath: loaded.pipelinePath,
      repositoryUrl: loaded.repositoryUrl,
      trigger: options.trigger,
      actor: options.actor,
      ref: loaded.ref,
      sha: loaded.sha,
      inputs: inputs.values,
      snapshot: loaded.content,
      env: pipeline.env ?? {},
      rerunOf: options.rerunOf,
      fromFork: options.fromFork ?? false,
      jobs,
    });

    this.deps.logger.info('Created run', {
      runId: run.id,
      entityRef: run.entityRef,
      sha: run.sha,
    });
    await this.deps.orchestrator.announcer.announceRun(run, 'queued');
    await Promise.all(
      jobs
        .filter(job => job.status === 'queued')
        .map(job => this.deps.orchestrator.enqueue(job.id, 1, run.id)),
    );
    await this.deps.orchestrator.advance(run.id, run);
    return run;
  }
}

function toDefinition(job: any): JobDefinition {
  return {
    steps: job.steps.map((step: any) => ({
      name: step.name,
      run: step.run,
      shell: step.shell,
      workingDirectory: step.workingDirectory,
      env: step.env ?? {},
      timeoutMinutes: step.timeoutMinutes,
      continueOnError: Boolean(step.continueOnError),
    })),
    if: job.if,
    timeoutMinutes: job.timeoutMinutes,
    retries: job.retries ?? 0,
    artifacts: job.artifacts ?? [],
    reports: {
      junit: job.reports?.junit ?? [],
      playwright: job.reports?.playwright ?? [],
    },
    env: job.env ?? {},
    secrets: job.secrets ?? [],
    ...(job.cache && {
      cache: { key: job.cache.key, paths: job.cache.paths },
    }),
  };
}
