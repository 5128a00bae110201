import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GithubRepositoryLocation } from './parseRepositoryUrl';
import { toGithubError } from './toGithubError';

/** How long one GitHub API call may take before it counts as no answer. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** An octokit client for one repository, with the token behind it. */
export interface GithubClient {
  octokit: Octokit;
  /** Undefined for anonymous access to a public github.com repository. */
  token?: string;
}

/**
 * Makes octokit clients from Backstage's `integrations.github` config: the
 * host's `apiBaseUrl`, and a token or a GitHub App installation token
 * through `DefaultGithubCredentialsProvider`.
 */
export class GithubClientFactory {
  readonly #integrations: ScmIntegrations;
  readonly #credentials: GithubCredentialsProvider;
  readonly #timeoutMs: number;

  static fromConfig(
    config: Config,
    options?: { timeoutMs?: number },
  ): GithubClientFactory {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubClientFactory(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      options?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  private constructor(
    integrations: ScmIntegrations,
    credentials: GithubCredentialsProvider,
    timeoutMs: number,
  ) {
    this.#integrations = integrations;
    this.#credentials = credentials;
    this.#timeoutMs = timeoutMs;
  }

  /** Whether `integrations.github` has this host (github.com always). */
  hasHost(host: string): boolean {
    return this.#integrations.github.byHost(host) !== undefined;
  }

  /** Host names of the configured GitHub integrations. */
  hosts(): string[] {
    return this.#integrations.github.list().map(i => i.config.host);
  }

  /**
   * A client for one repository.
   *
   * @throws ServiceUnavailableError when a GitHub App token cannot be had
   *   because GitHub does not answer.
   */
  async forRepository(
    location: GithubRepositoryLocation,
  ): Promise<GithubClient> {
    const integration = this.#integrations.github.byHost(location.host);
    if (!integration) {
      throw new Error(
        `There is no integrations.github entry for host '${location.host}'`,
      );
    }

    const url = `https://${location.host}/${location.owner}/${location.repo}`;
    const timeoutMs = this.#timeoutMs;
    let token: string | undefined;
    // GitHub App installation tokens come from @backstage/integration's own
    // octokit, which takes no time-out: the caller stops waiting after ours
    // (the request itself ends with its socket).
    let timer: NodeJS.Timeout | undefined;
    const noAnswer = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `GitHub is not answering (no credentials for '${location.slug}' within ${timeoutMs} ms)`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      ({ token } = await Promise.race([
        this.#credentials.getCredentials({ url }),
        noAnswer,
      ]));
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      throw toGithubError(error, `Credentials for '${location.slug}'`);
    } finally {
      clearTimeout(timer);
    }

    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      request: {
        fetch: (input: string, init: RequestInit) =>
          fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      },
    });
    return { octokit, token };
  }
}
