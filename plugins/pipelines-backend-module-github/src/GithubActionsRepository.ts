import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PipelineInput } from '@golive/plugin-pipelines-common';
import { Octokit } from '@octokit/rest';
import { listWorkflowRunsPage } from './listWorkflowRunsPage';
import { GithubWorkflowJob, GithubWorkflowRun } from './mapWorkflowRun';
import { readWorkflowDispatch } from './readWorkflowDispatch';
import { ActionsSource, selectsWorkflow } from './resolveActionsSource';
import { githubStatusOf, toGithubError } from './toGithubError';

/** A workflow of a repository, as `GET /actions/workflows` lists it. */
export interface GithubWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
}

/** A workflow that `workflow_dispatch` can start, with its inputs. */
export interface DispatchableWorkflow {
  workflow: GithubWorkflow;
  inputs: PipelineInput[];
  /** The default branch, where GitHub reads the workflow file from. */
  ref: string;
}

/** GitHub answers at most 100 items per page. */
const PER_PAGE = 100;
/** Pages read of jobs or workflows before giving up on the rest. */
const MAX_PAGES = 10;

/**
 * The GitHub Actions REST calls for the workflows of one source: failures
 * come out as `@backstage/errors` types, runs outside the source's picked
 * workflows as not there.
 */
export class GithubActionsRepository {
  readonly #source: ActionsSource;
  readonly #octokit: Octokit;
  readonly #owner: string;
  readonly #repo: string;

  constructor(source: ActionsSource, octokit: Octokit) {
    this.#source = source;
    this.#octokit = octokit;
    this.#owner = source.owner;
    this.#repo = source.repo;
  }

  get slug(): string {
    return this.#source.slug;
  }

  /** A page of the source's runs, newest first. */
  async listRuns(
    limit: number,
    cursor: string | undefined,
  ): Promise<{ items: GithubWorkflowRun[]; nextCursor?: string }> {
    const owner = this.#owner;
    const repo = this.#repo;
    let ids: Set<number> | undefined;
    if (this.#source.patterns) {
      const workflows = await this.workflows();
      if (workflows.length === 0) {
        return { items: [] };
      }
      ids = new Set(workflows.map(w => w.id));
    }
    // One picked workflow has its own list; several are filtered from the
    // repository's list.
    const single = ids?.size === 1 ? [...ids][0] : undefined;

    try {
      return await listWorkflowRunsPage({
        limit,
        cursor,
        fetchPage: async (page, perPage) => {
          const { data } =
            single !== undefined
              ? await this.#octokit.actions.listWorkflowRuns({
                  owner,
                  repo,
                  workflow_id: single,
                  per_page: perPage,
                  page,
                })
              : await this.#octokit.actions.listWorkflowRunsForRepo({
                  owner,
                  repo,
                  per_page: perPage,
                  page,
                });
          return data.workflow_runs as GithubWorkflowRun[];
        },
        keep: run => !ids || ids.has(run.workflow_id),
      });
    } catch (error) {
      throw toActionsError(error, `Workflow runs of '${this.slug}'`);
    }
  }

  /** The run, or undefined when it is missing or outside the source. */
  async run(externalId: string): Promise<GithubWorkflowRun | undefined> {
    if (!/^\d+$/.test(externalId)) {
      return undefined;
    }
    let run: GithubWorkflowRun;
    try {
      const { data } = await this.#octokit.actions.getWorkflowRun({
        owner: this.#owner,
        repo: this.#repo,
        run_id: Number(externalId),
      });
      run = data as GithubWorkflowRun;
    } catch (error) {
      if (githubStatusOf(error) === 404) {
        return undefined;
      }
      throw toActionsError(error, `Workflow run '${externalId}'`);
    }
    if (this.#source.patterns) {
      const workflows = await this.workflows();
      if (!workflows.some(w => w.id === run.workflow_id)) {
        return undefined;
      }
    }
    return run;
  }

  /** The jobs of the latest attempt of a run. */
  async jobs(runId: number): Promise<GithubWorkflowJob[]> {
    const jobs: GithubWorkflowJob[] = [];
    try {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { data } = await this.#octokit.actions.listJobsForWorkflowRun({
          owner: this.#owner,
          repo: this.#repo,
          run_id: runId,
          filter: 'latest',
          per_page: PER_PAGE,
          page,
        });
        jobs.push(...(data.jobs as GithubWorkflowJob[]));
        if (data.jobs.length < PER_PAGE || jobs.length >= data.total_count) {
          break;
        }
      }
    } catch (error) {
      throw toActionsError(error, `Jobs of workflow run '${runId}'`);
    }
    return jobs;
  }

  /** One job. @throws NotFoundError when it is not there. */
  async job(jobId: number, what: string): Promise<GithubWorkflowJob> {
    try {
      const { data } = await this.#octokit.actions.getJobForWorkflowRun({
        owner: this.#owner,
        repo: this.#repo,
        job_id: jobId,
      });
      return data as GithubWorkflowJob;
    } catch (error) {
      throw toActionsError(error, what);
    }
  }

  /**
   * The whole log of a finished job. GitHub answers with a redirect to a
   * short-lived download address, which fetch follows.
   */
  async jobLog(jobId: number, what: string): Promise<string> {
    try {
      const { data } =
        await this.#octokit.actions.downloadJobLogsForWorkflowRun({
          owner: this.#owner,
          repo: this.#repo,
          job_id: jobId,
        });
      return textOf(data);
    } catch (error) {
      const status = githubStatusOf(error);
      if (status === 404 || status === 410) {
        throw new NotFoundError(
          `Log of ${what} is gone from GitHub (logs expire after the repository's retention period)`,
        );
      }
      throw toActionsError(error, `Log of ${what}`);
    }
  }

  /** The active workflows of the repository that the source picks. */
  async workflows(): Promise<GithubWorkflow[]> {
    const all: GithubWorkflow[] = [];
    try {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { data } = await this.#octokit.actions.listRepoWorkflows({
          owner: this.#owner,
          repo: this.#repo,
          per_page: PER_PAGE,
          page,
        });
        all.push(...(data.workflows as GithubWorkflow[]));
        if (
          data.workflows.length < PER_PAGE ||
          all.length >= data.total_count
        ) {
          break;
        }
      }
    } catch (error) {
      throw toActionsError(error, `Workflows of '${this.slug}'`);
    }
    return all.filter(
      w => w.state === 'active' && selectsWorkflow(this.#source, w.path),
    );
  }

  /** The source's workflows that `workflow_dispatch` can start. */
  async dispatchable(): Promise<DispatchableWorkflow[]> {
    const owner = this.#owner;
    const repo = this.#repo;
    let ref: string;
    try {
      const { data } = await this.#octokit.repos.get({ owner, repo });
      ref = data.default_branch;
    } catch (error) {
      throw toActionsError(error, `Repository '${this.slug}'`);
    }

    const found: DispatchableWorkflow[] = [];
    for (const workflow of await this.workflows()) {
      let text: string;
      try {
        const { data } = await this.#octokit.repos.getContent({
          owner,
          repo,
          path: workflow.path,
          ref,
          mediaType: { format: 'raw' },
        });
        text = textOf(data);
      } catch (error) {
        if (githubStatusOf(error) === 404) {
          continue;
        }
        throw toActionsError(error, `Workflow file '${workflow.path}'`);
      }
      const inputs = readWorkflowDispatch(workflow.path, text);
      if (inputs) {
        found.push({ workflow, inputs, ref });
      }
    }
    return found;
  }

  async dispatch(
    target: DispatchableWorkflow,
    inputs: Record<string, string>,
  ): Promise<void> {
    try {
      await this.#octokit.actions.createWorkflowDispatch({
        owner: this.#owner,
        repo: this.#repo,
        workflow_id: target.workflow.id,
        ref: target.ref,
        inputs,
      });
    } catch (error) {
      throw toActionsError(error, `Workflow '${target.workflow.path}'`, true);
    }
  }

  async rerun(runId: number): Promise<void> {
    try {
      await this.#octokit.actions.reRunWorkflow({
        owner: this.#owner,
        repo: this.#repo,
        run_id: runId,
      });
    } catch (error) {
      throw toActionsError(error, `Workflow run '${runId}'`, true);
    }
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * GitHub refuses a start or re-run with 403/409/422 when the run or
 * workflow is in the wrong state (still running, too old, disabled): a
 * conflict, unless the rate limit is the reason.
 */
function toActionsError(error: unknown, what: string, isAction = false) {
  const status = githubStatusOf(error);
  const limited =
    (error as { response?: { headers?: Record<string, string> } }).response
      ?.headers?.['x-ratelimit-remaining'] === '0';
  if (
    isAction &&
    !limited &&
    (status === 403 || status === 409 || status === 422)
  ) {
    return new ConflictError(
      `GitHub refused to start ${what} (status ${status}: ${
        (error as Error).message
      })`,
    );
  }
  return toGithubError(error, what);
}
