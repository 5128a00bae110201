import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A repository on a git host, as a webhook names it.
 *
 * @public
 */
export interface PipelinesRepository {
  /** Id of the provider that reported it, such as `github`. */
  provider: string;
  /** Host name, such as `github.com` or a GitHub Enterprise host. */
  host: string;
  /**
   * The slug as catalog annotations carry it (`github.com/project-slug`
   * and its siblings): `owner/name`, or `group/subgroup/name` on GitLab.
   */
  slug: string;
  /** Web address, such as `https://github.com/acme/shop`. */
  url: string;
  /** Address for `git clone` over HTTPS. */
  cloneUrl: string;
}

/**
 * What a verified webhook delivery asks GoLive to do.
 *
 * `push` covers branches and tags (`ref` is the full ref name:
 * `refs/heads/main`, `refs/tags/v1.2.0`); a deleted branch or tag has
 * `deleted: true` and starts nothing. `pull_request` covers GitHub pull
 * requests, GitLab merge requests and Bitbucket pull requests.
 *
 * @public
 */
export type PipelinesScmEvent =
  | {
      type: 'push';
      repository: PipelinesRepository;
      /** Full ref name: `refs/heads/<branch>` or `refs/tags/<tag>`. */
      ref: string;
      /** Commit at the head of the ref after the push. */
      sha: string;
      deleted: boolean;
      /** Login of whoever pushed. */
      actor: string;
    }
  | {
      type: 'pull_request';
      repository: PipelinesRepository;
      /**
       * `opened`, `synchronize` (new commits) and `reopened` start runs;
       * `closed` and `other` start nothing.
       */
      action: 'opened' | 'synchronize' | 'reopened' | 'closed' | 'other';
      number: number;
      /** Head commit of the pull request. */
      sha: string;
      /** Branch name of the head, without `refs/heads/`. */
      headRef: string;
      /** Branch name of the base, without `refs/heads/`. */
      baseRef: string;
      /** Whether the head lives in another repository than the base. */
      fromFork: boolean;
      actor: string;
    };

/**
 * One webhook delivery as the endpoint received it.
 *
 * @public
 */
export interface PipelinesWebhookRequest {
  /** Request headers, names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body byte for byte, as signatures are computed over it. */
  rawBody: Buffer;
}

/**
 * Receives the webhooks of one git host at
 * `/api/pipelines/webhooks/<id>`. The pipelines backend owns the endpoint,
 * the inbox table, deduplication and processing; a provider only checks
 * and reads deliveries.
 *
 * @public
 */
export interface PipelinesWebhookProvider {
  /** Path segment of the endpoint, such as `github`. */
  id: string;
  /**
   * Whether a webhook secret is configured. Without one, every delivery is
   * refused (fail closed) and the backend warns at start.
   */
  isConfigured(): boolean;
  /**
   * Checks the delivery's signature or token against the configured
   * secret in constant time. False for a missing, malformed or wrong one.
   */
  verify(request: PipelinesWebhookRequest): boolean;
  /** The delivery id header (`X-GitHub-Delivery` and the like), if any. */
  deliveryId(request: PipelinesWebhookRequest): string | undefined;
  /** The event name header (`X-GitHub-Event` and the like), if any. */
  eventName(request: PipelinesWebhookRequest): string | undefined;
  /**
   * Turns a verified delivery into what GoLive acts on; an empty list for
   * events it does not handle. Throws `InputError` when the body is not
   * JSON or lacks a field the event needs.
   */
  parse(request: PipelinesWebhookRequest): PipelinesScmEvent[];
}

/**
 * State of a commit status, in the words shared by GitHub, GitLab and
 * Bitbucket (each provider maps them to its own).
 *
 * @public
 */
export type PipelinesCommitState = 'pending' | 'success' | 'failure' | 'error';

/**
 * A git host that GoLive reads pipeline files from and reports run
 * statuses to.
 *
 * @public
 */
export interface PipelinesScmProvider {
  /** Short unique id, such as `github`. */
  id: string;
  /**
   * The catalog annotation that holds a repository slug for this host,
   * such as `github.com/project-slug`.
   */
  slugAnnotation?: string;
  /** Web address of a repository given its slug from the annotation. */
  repositoryUrlFromSlug?(slug: string): string;
  /** Whether the repository at this URL is hosted by this provider. */
  supports(repositoryUrl: string): boolean;
  /**
   * Reads a file at a commit through the host's API; undefined when the
   * file does not exist there. Throws when the file exceeds `maxBytes`.
   * Without this method the file is read with git.
   */
  readFile?(options: {
    repositoryUrl: string;
    sha: string;
    path: string;
    maxBytes: number;
  }): Promise<string | undefined>;
  /**
   * Resolves a branch or tag (default: the default branch) to a commit
   * through the host's API. Without this method git resolves it.
   *
   * The answer's `ref` is the name as given, except that a short name
   * that names a tag and no branch comes back as `refs/tags/<name>`, so
   * that runs tell tags from branches (a branch wins when both exist).
   */
  resolveRef?(options: {
    repositoryUrl: string;
    ref?: string;
  }): Promise<{ sha: string; ref: string }>;
  /**
   * Credentials for `git clone` over HTTPS, from Backstage's `integrations`
   * config; undefined for anonymous access.
   */
  gitCredentials?(
    repositoryUrl: string,
  ): Promise<{ username: string; password: string } | undefined>;
  /**
   * Posts a commit status. Throws when the host refuses or does not
   * answer; the pipelines backend retries with backoff and posts each
   * state of a run at most once.
   */
  setCommitStatus(options: {
    repositoryUrl: string;
    sha: string;
    state: PipelinesCommitState;
    /** Name of the status on the commit, such as `golive/shop-web`. */
    context: string;
    /** One short sentence, such as `Run #12 succeeded`. */
    description: string;
    /** Link to the run page in the portal. */
    targetUrl: string;
  }): Promise<void>;
}

/**
 * Lets backend modules add git hosts: their webhooks and their commit
 * statuses.
 *
 * @public
 */
export interface PipelinesScmProviderExtensionPoint {
  addScmProvider(provider: PipelinesScmProvider): void;
  addWebhookProvider(provider: PipelinesWebhookProvider): void;
}

/**
 * Extension point for {@link PipelinesScmProviderExtensionPoint}.
 *
 * @public
 */
export const pipelinesScmProviderExtensionPoint =
  createExtensionPoint<PipelinesScmProviderExtensionPoint>({
    id: 'pipelines.scm-provider',
  });
