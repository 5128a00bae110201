import type { PipelinesScmProvider } from '@golive/plugin-pipelines-node';
import type { Workspaces } from '../service/types';

/** The provider hosting a repository, if one is registered. */
export function providerFor(
  providers: PipelinesScmProvider[],
  repositoryUrl: string,
): PipelinesScmProvider | undefined {
  return providers.find(provider => {
    try {
      return provider.supports(repositoryUrl);
    } catch {
      return false;
    }
  });
}

/**
 * Git credentials for a repository from the SCM provider that hosts it;
 * given to git through its environment, never on the command line.
 */
export function scmGitCredentials(providers: PipelinesScmProvider[]) {
  return async (repositoryUrl: string) =>
    providerFor(providers, repositoryUrl)?.gitCredentials?.(repositoryUrl);
}

/**
 * Reads files and refs through the API of the SCM provider hosting a
 * repository when it offers that, and with git otherwise.
 */
export class ScmWorkspaces implements Workspaces {
  private constructor(
    private readonly git: Workspaces,
    private readonly providers: PipelinesScmProvider[],
  ) {}

  static create(options: {
    git: Workspaces;
    providers: PipelinesScmProvider[];
  }): Workspaces {
    if (!options.providers.length) return options.git;
    return new ScmWorkspaces(options.git, options.providers);
  }

  prepare(options: Parameters<Workspaces['prepare']>[0]) {
    return this.git.prepare(options);
  }

  remove(directory: string) {
    return this.git.remove(directory);
  }

  readFileAt(options: Parameters<Workspaces['readFileAt']>[0]) {
    const provider = providerFor(this.providers, options.repositoryUrl);
    if (provider?.readFile) return provider.readFile(options);
    return this.git.readFileAt(options);
  }

  resolveRef(options: Parameters<Workspaces['resolveRef']>[0]) {
    const provider = providerFor(this.providers, options.repositoryUrl);
    if (provider?.resolveRef) return provider.resolveRef(options);
    return this.git.resolveRef(options);
  }
}
