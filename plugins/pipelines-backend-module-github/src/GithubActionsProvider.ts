import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { PipelineInput } from '@golive/plugin-pipelines-common';
import type {
  PipelinesExternalCiProvider,
  PipelinesExternalLogChunk,
  PipelinesExternalRun,
  PipelinesExternalRunDetail,
  PipelinesExternalSource,
} from '@golive/plugin-pipelines-node';
import { GithubActionsRepository } from './GithubActionsRepository';
import { GithubClientFactory } from './GithubClientFactory';
import { mapWorkflowJob, mapWorkflowRun } from './mapWorkflowRun';
import {
  PROJECT_SLUG_ANNOTATION,
  resolveActionsSource,
  toExternalSource,
} from './resolveActionsSource';
import { validateDispatchInputs } from './validateDispatchInputs';

/**
 * GitHub Actions as an external CI system: the workflow runs of an entity's
 * repository (or of the workflows it picks through
 * `golive.dev/github-workflows`) with their jobs, steps and logs, re-runs
 * and `workflow_dispatch` starts, all with backend credentials.
 *
 * @public
 */
export class GithubActionsProvider implements PipelinesExternalCiProvider {
  readonly id = 'github-actions';
  readonly title = 'GitHub Actions';
  readonly annotations = [PROJECT_SLUG_ANNOTATION];
  readonly #clients: GithubClientFactory;

  static fromConfig(config: Config): GithubActionsProvider {
    return new GithubActionsProvider(GithubClientFactory.fromConfig(config));
  }

  /** @internal */
  static create(options: {
    clients: GithubClientFactory;
  }): GithubActionsProvider {
    return new GithubActionsProvider(options.clients);
  }

  private constructor(clients: GithubClientFactory) {
    this.#clients = clients;
  }

  sourcesOf(entity: Entity): PipelinesExternalSource[] {
    const source = resolveActionsSource(entity, h => this.#clients.hasHost(h));
    return source ? [toExternalSource(source)] : [];
  }

  async listRuns(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    limit: number;
    cursor?: string;
  }): Promise<{ runs: PipelinesExternalRun[]; nextCursor?: string }> {
    const repository = await this.#repository(options.entity, options.source);
    const page = await repository.listRuns(options.limit, options.cursor);
    return {
      runs: page.items.map(mapWorkflowRun),
      nextCursor: page.nextCursor,
    };
  }

  async getRun(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
  }): Promise<PipelinesExternalRunDetail | undefined> {
    const repository = await this.#repository(options.entity, options.source);
    const run = await repository.run(options.externalId);
    if (!run) {
      return undefined;
    }
    const jobs = await repository.jobs(run.id);
    return { ...mapWorkflowRun(run), jobs: jobs.map(mapWorkflowJob) };
  }

  async readLog(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
    jobId?: string;
    offset: number;
  }): Promise<PipelinesExternalLogChunk> {
    if (!options.jobId || !/^\d+$/.test(options.jobId)) {
      throw new InputError(
        `GitHub Actions keeps logs per job; job id '${
          options.jobId ?? ''
        }' is not a GitHub job id`,
      );
    }
    if (!Number.isInteger(options.offset) || options.offset < 0) {
      throw new InputError(`Log offset '${options.offset}' is not valid`);
    }
    const repository = await this.#repository(options.entity, options.source);
    const jobId = Number(options.jobId);
    const what = `job '${options.jobId}' of workflow run '${options.externalId}'`;

    const job = await repository.job(jobId, `Job '${options.jobId}'`);
    if (String(job.run_id) !== options.externalId) {
      throw new NotFoundError(`The ${what} is not on GitHub`);
    }
    // GitHub serves a job's log only once the job has finished.
    if (job.status !== 'completed') {
      return { text: '', nextOffset: options.offset, more: true };
    }

    const log = await repository.jobLog(jobId, what);
    return {
      text: log.slice(options.offset),
      nextOffset: Math.max(log.length, options.offset),
      more: false,
    };
  }

  async getInputs(options: {
    entity: Entity;
    source: PipelinesExternalSource;
  }): Promise<PipelineInput[]> {
    const repository = await this.#repository(options.entity, options.source);
    const dispatchable = await repository.dispatchable();
    return dispatchable.length === 1 ? dispatchable[0].inputs : [];
  }

  async canTrigger(options: {
    entity: Entity;
    source: PipelinesExternalSource;
  }): Promise<boolean> {
    const repository = await this.#repository(options.entity, options.source);
    return (await repository.dispatchable()).length === 1;
  }

  async trigger(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    inputs: Record<string, string | boolean>;
    actor: string;
  }): Promise<void> {
    const repository = await this.#repository(options.entity, options.source);
    const dispatchable = await repository.dispatchable();
    // the portal offers no start then (canTrigger); this is for API callers
    if (dispatchable.length !== 1) {
      throw new ConflictError(
        `'${repository.slug}' has ${dispatchable.length} workflows with a workflow_dispatch trigger; GoLive starts one only when there is exactly one (pick it with golive.dev/github-workflows)`,
      );
    }
    const [workflow] = dispatchable;
    const values = validateDispatchInputs(workflow.inputs, options.inputs);
    // TODO(golive): GitHub records the integration's identity as the actor
    // of a dispatched run; `options.actor` is only in the pipelines audit.
    await repository.dispatch(workflow, values);
  }

  async rerun(options: {
    entity: Entity;
    source: PipelinesExternalSource;
    externalId: string;
    actor: string;
  }): Promise<void> {
    const repository = await this.#repository(options.entity, options.source);
    const run = await repository.run(options.externalId);
    if (!run) {
      throw new NotFoundError(
        `Workflow run '${options.externalId}' of '${repository.slug}' is not on GitHub`,
      );
    }
    await repository.rerun(run.id);
  }

  async #repository(
    entity: Entity,
    given: PipelinesExternalSource,
  ): Promise<GithubActionsRepository> {
    const source = resolveActionsSource(entity, h => this.#clients.hasHost(h));
    if (!source || source.slug !== given.key) {
      throw new NotFoundError(
        `Entity '${stringifyEntityRef(entity)}' has no GitHub Actions source '${
          given.key
        }'`,
      );
    }
    const { octokit } = await this.#clients.forRepository(source);
    return new GithubActionsRepository(source, octokit);
  }
}
