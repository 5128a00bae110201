import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  parseRefName,
  parseSha,
  parseTreePath,
  workspaceName,
} from './gitInputs';
import { parseRepositoryUrl, RepositoryLocation } from './parseRepositoryUrl';
import { runGit } from './runGit';
import {
  existingGitDir,
  hasCommit,
  localRefs,
  lsRemote,
  notInRepository,
  readBlob,
  readObjects,
  blobContent,
} from './gitReads';
import { CheckoutTemplates } from './CheckoutTemplates';
import { FileContentCache } from './FileContentCache';
import { readBranchFiles } from './readRefFiles';
import { writeWorkspaceSkeleton } from './workspaceSkeleton';

/** Gives the credentials for a repository, if any (an SCM provider's). */
export type GitCredentialsSource = (
  repositoryUrl: string,
) => Promise<{ username: string; password: string } | undefined>;

/** Folder of the bare caches that remote commits are fetched into. */
const MIRRORS_FOLDER = '.mirrors';

/** Folder of the checkouts that workspaces are copied from. */
const CHECKOUTS_FOLDER = '.checkouts';

/** Checkouts of the most recent commits kept to copy from. */
const CHECKOUTS_KEPT = 8;

/** Budget of the cache of files read at commits (pipeline files). */
const FILE_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Checks out commits into workspaces, one fresh folder per job attempt, and
 * reads files and refs of repositories without a checkout.
 *
 * @remarks
 *
 * A remote repository is fetched into one bare cache on this machine, only
 * the requested commit (depth 1); servers that refuse to hand out a commit
 * by its sha get a full fetch instead. Workspaces borrow the objects of the
 * cache, or of a local repository, and files read at a commit are kept in
 * memory, as neither ever changes. Credentials in a
 * repository URL never reach the workspace's git config or any message.
 *
 * @public
 */
export class GitWorkspace {
  readonly #root: string;
  readonly #logger: LoggerService;
  readonly #mirrorLocks = new Map<string, Promise<unknown>>();
  readonly #localGitDirs = new Map<string, string>();
  readonly #knownCommits = new Set<string>();
  readonly #files = new FileContentCache(FILE_CACHE_BYTES);
  readonly #checkouts: CheckoutTemplates;
  readonly #credentials?: GitCredentialsSource;

  /** Creates a workspace manager whose folders live in `rootDirectory`. */
  static create(options: {
    rootDirectory: string;
    logger: LoggerService;
    /** Credentials for remote repositories (an SCM provider's). */
    credentials?: GitCredentialsSource;
  }): GitWorkspace {
    return new GitWorkspace(
      resolve(options.rootDirectory),
      options.logger.child({ component: 'git-workspace' }),
      options.credentials,
    );
  }

  private constructor(
    root: string,
    logger: LoggerService,
    credentials?: GitCredentialsSource,
  ) {
    this.#root = root;
    this.#logger = logger;
    this.#checkouts = new CheckoutTemplates(
      join(root, CHECKOUTS_FOLDER),
      CHECKOUTS_KEPT,
    );
    this.#credentials = credentials;
  }

  /**
   * Git config entries in the environment that send the credentials as an
   * HTTP header to the repository's origin only: nothing on the command
   * line (visible to `ps`), in the workspace's config or in messages.
   */
  async #authEnv(
    location: RepositoryLocation,
  ): Promise<Record<string, string> | undefined> {
    if (location.kind !== 'remote' || !this.#credentials) return undefined;
    const credentials = await this.#credentials(location.display);
    if (!credentials) return undefined;
    const { origin } = new URL(location.display);
    const token = Buffer.from(
      `${credentials.username}:${credentials.password}`,
    ).toString('base64');
    return {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${token}`,
    };
  }

  /**
   * Creates the workspace of a job attempt with the commit checked out
   * (detached HEAD). A folder left by an earlier delivery of the same
   * attempt is replaced.
   *
   * @remarks
   *
   * The workspace borrows the objects of the repository (a local one) or of
   * a bare cache of it (a remote one). The first workspace of a commit has
   * its files written by one `git read-tree`, later ones are copies of it
   * (see CheckoutTemplates): no process is started, where init, fetch and
   * checkout took 50-90 ms.
   *
   * @throws InputError when the commit is not in the repository.
   */
  async prepare(options: {
    repositoryUrl: string;
    sha: string;
    jobId: string;
    attempt: number;
  }): Promise<{ directory: string }> {
    const location = parseRepositoryUrl(options.repositoryUrl);
    const sha = parseSha(options.sha);
    const directory = join(
      this.#root,
      workspaceName(options.jobId, options.attempt),
    );
    const gitDir = await this.#repositoryHolding(location, sha);

    await rm(directory, { recursive: true, force: true });
    try {
      await this.#checkouts.copyTo(`${gitDir}\0${sha}`, directory, async to => {
        await writeWorkspaceSkeleton({
          gitDirectory: join(to, '.git'),
          sha,
          objectsDirectory: join(gitDir, 'objects'),
          shallowFile:
            location.kind === 'remote' ? join(gitDir, 'shallow') : undefined,
        });
        await runGit(['read-tree', '-u', '--reset', sha], { cwd: to });
      });
    } catch (error) {
      await rm(directory, { recursive: true, force: true });
      // the repository may have lost the commit since it was last seen
      this.#knownCommits.delete(`${gitDir}\0${sha}`);
      throw error;
    }

    this.#logger.debug('Workspace prepared', {
      directory,
      repository: location.display,
      sha,
    });
    return { directory };
  }

  /** Removes a workspace folder; refuses folders outside the root. */
  async remove(directory: string): Promise<void> {
    const path = relative(this.#root, resolve(directory));
    if (path === '' || path.startsWith('..') || isAbsolute(path)) {
      throw new InputError(
        `Folder '${directory}' is not a workspace of '${this.#root}'`,
      );
    }
    await rm(resolve(directory), {
      recursive: true,
      force: true,
      maxRetries: 3,
    });
  }

  /**
   * Reads a file at a commit without a checkout; undefined when the commit
   * has no file at that path.
   *
   * @throws InputError when the commit is not in the repository or the
   * file is larger than `maxBytes`.
   */
  async readFileAt(options: {
    repositoryUrl: string;
    sha: string;
    path: string;
    maxBytes: number;
  }): Promise<string | undefined> {
    const location = parseRepositoryUrl(options.repositoryUrl);
    const sha = parseSha(options.sha);
    const path = parseTreePath(options.path);
    const key = FileContentCache.key(location.display, sha, path);

    let content = this.#files.get(key);
    if (content === undefined) {
      const object = `${sha}:${path}`;
      if (location.kind === 'local') {
        // the commit check and the file in one git process (a push's new
        // commit misses every cache)
        const gitDir = await this.#localGitDir(location);
        const [commit, file] = await readObjects(
          gitDir,
          [`${sha}^{commit}`, object],
          options.maxBytes,
        );
        if (!commit) throw notInRepository(sha, location);
        this.#knownCommits.add(`${gitDir}\0${sha}`);
        content = blobContent(file, object, options.maxBytes) ?? null;
      } else {
        const gitDir = await this.#repositoryHolding(location, sha);
        content = (await readBlob(gitDir, object, options.maxBytes)) ?? null;
      }
      this.#files.set(key, content);
    }
    if (content === null) {
      return undefined;
    }
    if (content.length > options.maxBytes) {
      throw new InputError(
        `File '${options.path}' is larger than ${options.maxBytes} bytes`,
      );
    }
    return content.toString('utf8');
  }

  /**
   * Finds the commit a branch or tag points at (a tag's commit, not the tag
   * object); the default branch when `ref` is absent.
   *
   * @throws InputError when the ref is not in the repository.
   */
  async resolveRef(options: {
    repositoryUrl: string;
    ref?: string;
  }): Promise<{ sha: string; ref: string }> {
    const location = parseRepositoryUrl(options.repositoryUrl);

    if (options.ref === undefined) {
      const refs = await this.#refs(location, ['--symref'], ['HEAD']);
      const target = refs.get('ref: HEAD');
      const sha = refs.get('HEAD');
      if (!target?.startsWith('refs/heads/') || !sha) {
        throw new InputError(
          `Repository '${location.display}' has no default branch`,
        );
      }
      return { sha, ref: target.slice('refs/heads/'.length) };
    }

    const ref = parseRefName(options.ref);
    const candidates = ref.startsWith('refs/')
      ? [ref]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`];
    const refs = await this.#refs(
      location,
      [],
      candidates.flatMap(name => [name, `${name}^{}`]),
    );
    for (const name of candidates) {
      const sha = refs.get(`${name}^{}`) ?? refs.get(name);
      if (sha) {
        // a short name that is a tag (and no branch) says so
        return { sha, ref: name.startsWith('refs/tags/') ? name : ref };
      }
    }
    throw new InputError(
      `Ref '${ref}' is not in repository '${location.display}'`,
    );
  }

  async #fetchCommit(
    gitDir: string,
    location: RepositoryLocation,
    sha: string,
  ): Promise<void> {
    const env = await this.#authEnv(location);
    const fetch = (args: string[]) =>
      runGit(['fetch', '-q', '--no-tags', ...args], { cwd: gitDir, env }).catch(
        error => {
          throw new Error(
            `Could not fetch from repository '${
              location.display
            }': ${location.scrub(String(error.message))}`,
          );
        },
      );

    try {
      await fetch(['--depth', '1', '--', location.source, sha]);
      return;
    } catch (error) {
      this.#logger.debug('Fetch by commit failed, fetching all refs', {
        repository: location.display,
        error: String(error),
      });
    }
    // Older servers hand out advertised refs only.
    await fetch([
      '--',
      location.source,
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    ]);
    if (!(await hasCommit(gitDir, sha))) {
      throw notInRepository(sha, location);
    }
  }

  /**
   * The git folder that holds the commit: a local repository itself, or
   * the bare cache of a remote one (fetched into when it lacks the commit).
   * Commits found once are remembered, as git never drops them here.
   */
  async #repositoryHolding(
    location: RepositoryLocation,
    sha: string,
  ): Promise<string> {
    if (location.kind === 'remote') {
      return this.#mirror(location, sha);
    }
    const gitDir = await this.#localGitDir(location);
    if (!this.#knownCommits.has(`${gitDir}\0${sha}`)) {
      if (!(await hasCommit(gitDir, sha))) {
        throw notInRepository(sha, location);
      }
      this.#knownCommits.add(`${gitDir}\0${sha}`);
    }
    return gitDir;
  }

  async #localGitDir(location: RepositoryLocation): Promise<string> {
    let gitDir = this.#localGitDirs.get(location.source);
    if (!gitDir) {
      gitDir = await existingGitDir(location);
      this.#localGitDirs.set(location.source, gitDir);
    }
    return gitDir;
  }

  async #refs(
    location: RepositoryLocation,
    options: string[],
    patterns: string[],
  ): Promise<Map<string, string>> {
    if (location.kind === 'local') {
      const gitDir = await this.#localGitDir(location);
      return (
        (await readBranchFiles(gitDir, patterns)) ?? localRefs(gitDir, patterns)
      );
    }
    return lsRemote(location, options, patterns, await this.#authEnv(location));
  }

  /** A bare cache of the remote repository holding the commit. */
  async #mirror(location: RepositoryLocation, sha: string): Promise<string> {
    const key = createHash('sha256').update(location.display).digest('hex');
    const gitDir = join(this.#root, MIRRORS_FOLDER, key.slice(0, 32));
    if (this.#knownCommits.has(`${gitDir}\0${sha}`)) {
      return gitDir;
    }

    // One fetch at a time per cache, as git locks its shallow file.
    const previous = this.#mirrorLocks.get(gitDir) ?? Promise.resolve();
    const current = previous
      .catch(() => undefined)
      .then(async () => {
        await mkdir(gitDir, { recursive: true });
        await runGit(['init', '-q', '--bare'], { cwd: gitDir });
        if (!(await hasCommit(gitDir, sha))) {
          await this.#fetchCommit(gitDir, location, sha);
        }
      });
    this.#mirrorLocks.set(gitDir, current);
    try {
      await current;
    } finally {
      if (this.#mirrorLocks.get(gitDir) === current) {
        this.#mirrorLocks.delete(gitDir);
      }
    }
    this.#knownCommits.add(`${gitDir}\0${sha}`);
    return gitDir;
  }
}
