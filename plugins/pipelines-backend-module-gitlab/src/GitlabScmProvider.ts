import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  GitLabIntegration,
  ScmIntegrations,
  ScmIntegrationsGroup,
  getGitLabRequestOptions,
} from '@backstage/integration';
import type {
  PipelinesCommitState,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { readTextUpTo, requestHost } from '@golive/plugin-pipelines-node';

const DEFAULT_TIMEOUT_MS = 10_000;

/** GitLab keeps this many characters of a commit status description. */
const MAX_DESCRIPTION = 255;

const STATES: Record<PipelinesCommitState, string> = {
  pending: 'pending',
  success: 'success',
  failure: 'failed',
  error: 'canceled',
};

interface GitlabProject {
  integration: GitLabIntegration;
  /** `group/subgroup/name`, as GitLab's `path_with_namespace`. */
  path: string;
  /** `<apiBaseUrl>/projects/<url-encoded path>`. */
  apiUrl: string;
}

/**
 * GitLab (gitlab.com or self-managed) as a git host of GoLive: reads
 * pipeline files and refs through the REST API v4 and posts commit
 * statuses, with the credentials of Backstage's `integrations.gitlab`.
 *
 * @public
 */
export class GitlabScmProvider implements PipelinesScmProvider {
  readonly id = 'gitlab';
  readonly slugAnnotation = 'gitlab.com/project-slug';
  readonly #integrations: ScmIntegrationsGroup<GitLabIntegration>;
  readonly #timeoutMs: number;

  static fromConfig(
    config: Config,
    options?: { timeoutMs?: number },
  ): GitlabScmProvider {
    return new GitlabScmProvider(
      ScmIntegrations.fromConfig(config).gitlab,
      options?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  private constructor(
    integrations: ScmIntegrationsGroup<GitLabIntegration>,
    timeoutMs: number,
  ) {
    this.#integrations = integrations;
    this.#timeoutMs = timeoutMs;
  }

  /** Whether any GitLab integration carries a token. */
  hasCredentials(): boolean {
    return this.#integrations.list().some(i => Boolean(i.config.token));
  }

  /**
   * The slug annotation names no host: it is taken to live on the first
   * GitLab integration in config (gitlab.com when none is configured).
   */
  repositoryUrlFromSlug(slug: string): string {
    const segments = slug.split('/');
    if (segments.length < 2 || segments.some(s => !s || s === '..')) {
      throw new InputError(
        `GitLab project slug '${slug}' is not of the form 'group/name'`,
      );
    }
    const [integration] = this.#integrations.list();
    return `${integration.config.baseUrl}/${slug}`;
  }

  supports(repositoryUrl: string): boolean {
    return this.#locate(repositoryUrl) !== undefined;
  }

  async readFile(options: {
    repositoryUrl: string;
    sha: string;
    path: string;
    maxBytes: number;
  }): Promise<string | undefined> {
    const project = this.#project(options.repositoryUrl);
    const path = options.path.replace(/^\/+/, '');
    if (!path) {
      throw new InputError('File path is empty');
    }

    const response = await this.#request(project, {
      url: `${project.apiUrl}/repository/files/${encodeURIComponent(
        path,
      )}/raw?ref=${encodeURIComponent(options.sha)}`,
      allow: [404],
    });
    if (response.status === 404) {
      const detail = await response.text().catch(() => '');
      if (/project not found/i.test(detail)) {
        throw new NotFoundError(
          `GitLab has no project '${project.path}' that the configured token can read`,
        );
      }
      return undefined;
    }

    const text = await readTextUpTo(response, options.maxBytes);
    if (text === undefined) {
      throw new InputError(
        `File '${path}' is larger than ${options.maxBytes} bytes`,
      );
    }
    return text;
  }

  async resolveRef(options: {
    repositoryUrl: string;
    ref?: string;
  }): Promise<{ sha: string; ref: string }> {
    const project = this.#project(options.repositoryUrl);

    let ref = options.ref;
    if (ref === undefined) {
      const response = await this.#request(project, { url: project.apiUrl });
      const body = await response.json();
      if (typeof body?.default_branch !== 'string' || !body.default_branch) {
        throw new InputError(
          `Repository '${options.repositoryUrl}' has no default branch`,
        );
      }
      ref = body.default_branch as string;
    }

    const name = ref.replace(/^refs\/(heads|tags)\//, '');
    // a branch before a tag of the same name, as git does; a commit hash
    // (or a name GitLab resolves otherwise) last
    let lookups: Array<'branches' | 'tags' | 'commits'> = [
      'branches',
      'tags',
      'commits',
    ];
    if (ref.startsWith('refs/heads/')) lookups = ['branches'];
    else if (ref.startsWith('refs/tags/')) lookups = ['tags'];
    else if (/^[0-9a-f]{7,64}$/i.test(ref)) lookups = ['commits'];

    for (const kind of lookups) {
      const response = await this.#request(project, {
        url: `${project.apiUrl}/repository/${kind}/${encodeURIComponent(name)}`,
        allow: [404],
      });
      if (response.status === 404) {
        await response.body?.cancel();
        continue;
      }
      const body = await response.json();
      // branches and tags carry their commit; commits are one
      const id = kind === 'commits' ? body?.id : body?.commit?.id;
      if (typeof id !== 'string' || !/^[0-9a-f]{40,64}$/.test(id)) {
        throw new Error(
          `GitLab answered without a commit id for ref '${ref}' of '${project.path}'`,
        );
      }
      return { sha: id, ref: kind === 'tags' ? `refs/tags/${name}` : ref };
    }
    throw new InputError(
      `Ref '${ref}' is not in repository '${options.repositoryUrl}'`,
    );
  }

  async gitCredentials(
    repositoryUrl: string,
  ): Promise<{ username: string; password: string } | undefined> {
    const token = this.#project(repositoryUrl).integration.config.token;
    return token ? { username: 'oauth2', password: token } : undefined;
  }

  async setCommitStatus(options: {
    repositoryUrl: string;
    sha: string;
    state: PipelinesCommitState;
    context: string;
    description: string;
    targetUrl: string;
  }): Promise<void> {
    const project = this.#project(options.repositoryUrl);
    if (!/^[0-9a-f]{7,64}$/i.test(options.sha)) {
      throw new InputError(`Commit '${options.sha}' is not a commit hash`);
    }

    await this.#request(project, {
      url: `${project.apiUrl}/statuses/${options.sha}`,
      method: 'POST',
      json: {
        state: STATES[options.state],
        name: options.context,
        target_url: options.targetUrl,
        description: options.description.slice(0, MAX_DESCRIPTION),
      },
      // GitLab refuses to move a status to the state it is already in; a
      // retried post has then already done its work.
      tolerate: (status, detail) =>
        status === 400 && /cannot transition status/i.test(detail),
    });
  }

  #request(
    project: GitlabProject,
    options: Omit<Parameters<typeof requestHost>[0], 'hostName' | 'timeoutMs'>,
  ) {
    return requestHost({
      ...options,
      hostName: 'GitLab',
      headers: getGitLabRequestOptions(project.integration.config).headers,
      timeoutMs: this.#timeoutMs,
    });
  }

  #project(repositoryUrl: string): GitlabProject {
    const project = this.#locate(repositoryUrl);
    if (!project) {
      throw new InputError(
        `Repository '${repositoryUrl}' is not a project on a configured GitLab host`,
      );
    }
    return project;
  }

  #locate(repositoryUrl: string): GitlabProject | undefined {
    let url: URL;
    try {
      url = new URL(repositoryUrl);
    } catch {
      return undefined;
    }
    const integration = this.#integrations.byUrl(url);
    if (!integration) {
      return undefined;
    }

    // Self-managed GitLab may live under a path, such as
    // `https://example.com/gitlab`.
    const base = new URL(integration.config.baseUrl).pathname.replace(
      /\/+$/,
      '',
    );
    if (!url.pathname.startsWith(`${base}/`)) {
      return undefined;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname.slice(base.length + 1));
    } catch {
      return undefined;
    }
    path = path
      .split('/-/')[0]
      .replace(/\/+$/, '')
      .replace(/\.git$/, '');
    const segments = path.split('/');
    if (segments.length < 2 || segments.some(s => !s)) {
      return undefined;
    }

    return {
      integration,
      path,
      apiUrl: `${integration.config.apiBaseUrl}/projects/${encodeURIComponent(
        path,
      )}`,
    };
  }
}
