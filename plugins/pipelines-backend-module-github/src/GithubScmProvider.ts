import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  PipelinesCommitState,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { GithubClientFactory } from './GithubClientFactory';
import {
  GithubRepositoryLocation,
  parseRepositoryUrl,
  parseSlug,
  tryParseRepositoryUrl,
} from './parseRepositoryUrl';
import { githubStatusOf, toGithubError } from './toGithubError';

/** GitHub cuts commit status descriptions at 140 characters. */
const MAX_DESCRIPTION = 140;

/**
 * GitHub as a git host of pipelines: reads pipeline files and resolves refs
 * through the REST API, gives git the integration's token, and posts
 * commit statuses.
 *
 * @public
 */
export class GithubScmProvider implements PipelinesScmProvider {
  readonly id = 'github';
  readonly slugAnnotation = 'github.com/project-slug';
  readonly #clients: GithubClientFactory;

  static fromConfig(
    config: Config,
    options?: { timeoutMs?: number },
  ): GithubScmProvider {
    return new GithubScmProvider(
      GithubClientFactory.fromConfig(config, options),
    );
  }

  /** @internal */
  static create(options: { clients: GithubClientFactory }): GithubScmProvider {
    return new GithubScmProvider(options.clients);
  }

  private constructor(clients: GithubClientFactory) {
    this.#clients = clients;
  }

  repositoryUrlFromSlug(slug: string): string {
    const { owner, repo } = parseSlug(slug);
    return `https://github.com/${owner}/${repo}`;
  }

  supports(repositoryUrl: string): boolean {
    const location = tryParseRepositoryUrl(repositoryUrl);
    return location !== undefined && this.#clients.hasHost(location.host);
  }

  async readFile(options: {
    repositoryUrl: string;
    sha: string;
    path: string;
    maxBytes: number;
  }): Promise<string | undefined> {
    const location = this.#locate(options.repositoryUrl);
    const { octokit } = await this.#clients.forRepository(location);
    const what = `File '${options.path}' of '${location.slug}' at '${options.sha}'`;

    let response;
    try {
      response = await octokit.repos.getContent({
        owner: location.owner,
        repo: location.repo,
        path: options.path.replace(/^\/+/, ''),
        ref: options.sha,
        mediaType: { format: 'raw' },
      });
    } catch (error) {
      if (githubStatusOf(error) === 404) {
        return undefined;
      }
      throw toGithubError(error, what);
    }

    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      throw tooLarge(what, declared, options.maxBytes);
    }
    const body = toBuffer(response.data as unknown);
    if (!body) {
      // A directory answers with a JSON listing even when raw is asked for.
      throw new InputError(`${what} is not a file`);
    }
    if (body.length > options.maxBytes) {
      throw tooLarge(what, body.length, options.maxBytes);
    }
    return body.toString('utf8');
  }

  async resolveRef(options: {
    repositoryUrl: string;
    ref?: string;
  }): Promise<{ sha: string; ref: string }> {
    const location = this.#locate(options.repositoryUrl);
    const { octokit } = await this.#clients.forRepository(location);
    const owner = location.owner;
    const repo = location.repo;

    let ref = options.ref;
    if (ref === undefined) {
      try {
        const { data } = await octokit.repos.get({ owner, repo });
        ref = data.default_branch;
      } catch (error) {
        throw toGithubError(error, `Repository '${location.slug}'`);
      }
    }

    // GitHub's commit route takes heads/<branch> and tags/<tag>: a branch
    // before a tag of the same name, as git does; a commit hash as is
    const name = ref.replace(/^refs\/(heads|tags)\//, '');
    let lookups = [`heads/${name}`, `tags/${name}`];
    if (ref.startsWith('refs/heads/')) lookups = [`heads/${name}`];
    else if (ref.startsWith('refs/tags/')) lookups = [`tags/${name}`];
    else if (/^[0-9a-f]{7,40}$/i.test(ref)) lookups = [ref];

    for (const lookup of lookups) {
      let data: unknown;
      try {
        ({ data } = await octokit.repos.getCommit({
          owner,
          repo,
          ref: lookup,
          mediaType: { format: 'sha' },
        }));
      } catch (error) {
        const status = githubStatusOf(error);
        if (status === 404 || status === 422) continue;
        throw toGithubError(error, `Ref '${ref}' of '${location.slug}'`);
      }
      const sha = toBuffer(data)?.toString('utf8').trim();
      if (!sha || !/^[0-9a-f]{40}$/.test(sha)) {
        throw new Error(
          `GitHub answered ref '${ref}' of '${location.slug}' without a commit sha`,
        );
      }
      return {
        sha,
        ref: lookup.startsWith('tags/') ? `refs/${lookup}` : ref,
      };
    }
    throw new InputError(
      `Ref '${ref}' is not in repository '${location.slug}'`,
    );
  }

  async gitCredentials(
    repositoryUrl: string,
  ): Promise<{ username: string; password: string } | undefined> {
    const location = this.#locate(repositoryUrl);
    const { token } = await this.#clients.forRepository(location);
    return token ? { username: 'x-access-token', password: token } : undefined;
  }

  async setCommitStatus(options: {
    repositoryUrl: string;
    sha: string;
    state: PipelinesCommitState;
    context: string;
    description: string;
    targetUrl: string;
  }): Promise<void> {
    const location = this.#locate(options.repositoryUrl);
    const { octokit } = await this.#clients.forRepository(location);
    try {
      await octokit.repos.createCommitStatus({
        owner: location.owner,
        repo: location.repo,
        sha: options.sha,
        state: options.state,
        context: options.context,
        description: truncate(options.description, MAX_DESCRIPTION),
        target_url: options.targetUrl,
      });
    } catch (error) {
      const status = githubStatusOf(error);
      if (status === undefined || status >= 500) {
        throw toGithubError(error, 'Commit status');
      }
      throw new Error(
        `GitHub refused commit status '${options.context}' on '${
          options.sha
        }' of '${location.slug}' (status ${status}: ${
          (error as Error).message
        })`,
      );
    }
  }

  #locate(repositoryUrl: string): GithubRepositoryLocation {
    const location = parseRepositoryUrl(repositoryUrl);
    if (!this.#clients.hasHost(location.host)) {
      throw new InputError(
        `Repository '${repositoryUrl}' is not on a GitHub host of integrations.github`,
      );
    }
    return location;
  }
}

function toBuffer(data: unknown): Buffer | undefined {
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data);
  }
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return undefined;
}

function tooLarge(what: string, size: number, maxBytes: number): InputError {
  return new InputError(
    `${what} is ${size} bytes, over the limit of ${maxBytes} bytes`,
  );
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
