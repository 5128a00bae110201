import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BitbucketCloudIntegrationConfig,
  ScmIntegrations,
  getBitbucketCloudRequestOptions,
} from '@backstage/integration';
import type {
  PipelinesCommitState,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { bitbucketGitCredentials } from './bitbucketGitCredentials';
import { bitbucketStatusKey } from './bitbucketStatusKey';
import { readTextUpTo, requestHost } from '@golive/plugin-pipelines-node';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Bitbucket keeps this many characters of a build status description. */
const MAX_DESCRIPTION = 255;

const STATES: Record<PipelinesCommitState, string> = {
  pending: 'INPROGRESS',
  success: 'SUCCESSFUL',
  failure: 'FAILED',
  error: 'STOPPED',
};

interface BitbucketRepository {
  /** `workspace/repo`. */
  slug: string;
  /** `<apiBaseUrl>/repositories/<workspace>/<repo>`. */
  apiUrl: string;
}

/**
 * Bitbucket Cloud as a git host of GoLive: reads pipeline files and refs
 * through the REST API 2.0 and posts build statuses, with the credentials
 * of Backstage's `integrations.bitbucketCloud`.
 *
 * @public
 */
export class BitbucketScmProvider implements PipelinesScmProvider {
  readonly id = 'bitbucket';
  readonly slugAnnotation = 'bitbucket.org/project-slug';
  readonly #config: BitbucketCloudIntegrationConfig;
  readonly #timeoutMs: number;

  /**
   * Reads the first `integrations.bitbucketCloud` entry. Its `apiBaseUrl`,
   * which `@backstage/integration` fixes to
   * `https://api.bitbucket.org/2.0`, may be overridden there (for a proxy
   * or a test server).
   */
  static fromConfig(
    config: Config,
    options?: { timeoutMs?: number },
  ): BitbucketScmProvider {
    const [integration] =
      ScmIntegrations.fromConfig(config).bitbucketCloud.list();
    const apiBaseUrl = config
      .getOptionalConfigArray('integrations.bitbucketCloud')?.[0]
      ?.getOptionalString('apiBaseUrl')
      ?.replace(/\/+$/, '');
    if (apiBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(apiBaseUrl)) {
      throw new InputError(
        `Invalid integrations.bitbucketCloud apiBaseUrl '${apiBaseUrl}'`,
      );
    }

    return new BitbucketScmProvider(
      {
        ...integration.config,
        apiBaseUrl: apiBaseUrl ?? integration.config.apiBaseUrl,
      },
      options?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  private constructor(
    config: BitbucketCloudIntegrationConfig,
    timeoutMs: number,
  ) {
    this.#config = config;
    this.#timeoutMs = timeoutMs;
  }

  /** Whether the integration carries credentials. */
  hasCredentials(): boolean {
    const { token, appPassword, clientId } = this.#config;
    return Boolean(token || appPassword || clientId);
  }

  repositoryUrlFromSlug(slug: string): string {
    if (!/^[^/\s]+\/[^/\s]+$/.test(slug) || slug.split('/').includes('..')) {
      throw new InputError(
        `Bitbucket project slug '${slug}' is not of the form 'workspace/repository'`,
      );
    }
    return `https://${this.#config.host}/${slug}`;
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
    const repository = this.#repository(options.repositoryUrl);
    const segments = options.path.split('/').filter(Boolean);
    if (segments.length === 0 || segments.includes('..')) {
      throw new InputError(`File path '${options.path}' is not valid`);
    }
    const path = segments.join('/');

    const response = await this.#request({
      url: `${repository.apiUrl}/src/${encodeURIComponent(
        options.sha,
      )}/${segments.map(encodeURIComponent).join('/')}`,
      allow: [404],
    });
    if (response.status === 404) {
      const detail = await response.text().catch(() => '');
      if (/repository/i.test(detail)) {
        throw new NotFoundError(
          `Bitbucket has no repository '${repository.slug}' that the configured credentials can read`,
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
    const repository = this.#repository(options.repositoryUrl);

    let ref = options.ref;
    if (ref === undefined) {
      const response = await this.#request({ url: repository.apiUrl });
      const body = await response.json();
      ref = body?.mainbranch?.name;
      if (typeof ref !== 'string' || !ref) {
        throw new InputError(
          `Repository '${options.repositoryUrl}' has no default branch`,
        );
      }
    }

    let kinds = ['branches', 'tags'];
    if (ref.startsWith('refs/heads/')) {
      kinds = ['branches'];
    } else if (ref.startsWith('refs/tags/')) {
      kinds = ['tags'];
    }
    const name = ref.replace(/^refs\/(heads|tags)\//, '');
    for (const kind of kinds) {
      const response = await this.#request({
        url: `${repository.apiUrl}/refs/${kind}/${encodeURIComponent(name)}`,
        allow: [404],
      });
      if (response.status === 404) {
        await response.body?.cancel();
        continue;
      }
      const body = await response.json();
      return {
        sha: fullHash(body?.target, ref),
        ref: kind === 'tags' ? `refs/tags/${name}` : ref,
      };
    }
    // Pull request webhooks name the head by a 12-character hash; expand
    // commit hashes to the full one.
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      const response = await this.#request({
        url: `${repository.apiUrl}/commit/${ref}`,
        allow: [404],
      });
      if (response.ok) {
        return { sha: fullHash(await response.json(), ref), ref };
      }
      await response.body?.cancel();
    }
    throw new InputError(
      `Ref '${ref}' is not in repository '${options.repositoryUrl}'`,
    );
  }

  async gitCredentials(
    repositoryUrl: string,
  ): Promise<{ username: string; password: string } | undefined> {
    this.#repository(repositoryUrl);
    return bitbucketGitCredentials(this.#config);
  }

  async setCommitStatus(options: {
    repositoryUrl: string;
    sha: string;
    state: PipelinesCommitState;
    context: string;
    description: string;
    targetUrl: string;
  }): Promise<void> {
    const repository = this.#repository(options.repositoryUrl);
    if (!/^[0-9a-f]{7,40}$/i.test(options.sha)) {
      throw new InputError(`Commit '${options.sha}' is not a commit hash`);
    }

    await this.#request({
      url: `${repository.apiUrl}/commit/${options.sha}/statuses/build`,
      method: 'POST',
      json: {
        key: bitbucketStatusKey(options.context),
        state: STATES[options.state],
        name: options.context,
        url: options.targetUrl,
        description: options.description.slice(0, MAX_DESCRIPTION),
      },
    });
  }

  async #request(
    options: Omit<Parameters<typeof requestHost>[0], 'hostName' | 'timeoutMs'>,
  ) {
    const { headers } = await getBitbucketCloudRequestOptions(this.#config);
    return requestHost({
      ...options,
      hostName: 'Bitbucket',
      headers,
      timeoutMs: this.#timeoutMs,
    });
  }

  #repository(repositoryUrl: string): BitbucketRepository {
    const repository = this.#locate(repositoryUrl);
    if (!repository) {
      throw new InputError(
        `Repository '${repositoryUrl}' is not a Bitbucket Cloud repository`,
      );
    }
    return repository;
  }

  #locate(repositoryUrl: string): BitbucketRepository | undefined {
    let url: URL;
    try {
      url = new URL(repositoryUrl);
    } catch {
      return undefined;
    }
    if (url.host !== this.#config.host) {
      return undefined;
    }
    const [workspace, name] = url.pathname.split('/').filter(Boolean);
    const repo = name?.replace(/\.git$/, '');
    if (!workspace || !repo) {
      return undefined;
    }

    return {
      slug: `${workspace}/${repo}`,
      apiUrl: `${this.#config.apiBaseUrl}/repositories/${workspace}/${repo}`,
    };
  }
}

/** The full hash of a commit object of the API. */
function fullHash(commit: { hash?: unknown } | undefined, ref: string) {
  const hash = commit?.hash;
  if (typeof hash !== 'string' || !/^[0-9a-f]{40}$/.test(hash)) {
    throw new Error(`Bitbucket answered without a commit hash for '${ref}'`);
  }
  return hash;
}
