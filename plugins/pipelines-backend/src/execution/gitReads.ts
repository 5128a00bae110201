import { InputError, NotFoundError } from '@backstage/errors';
import { stat } from 'node:fs/promises';
import { RepositoryLocation } from './parseRepositoryUrl';
import { GitCommandError, runGit } from './runGit';

/** The folder of a local repository; NotFoundError when it is none. */
export async function existingFolder(
  location: RepositoryLocation,
): Promise<string> {
  const isFolder = await stat(location.source).then(
    s => s.isDirectory(),
    () => false,
  );
  const isRepository =
    isFolder &&
    (await runGit(['rev-parse', '--git-dir'], { cwd: location.source }).then(
      () => true,
      () => false,
    ));
  if (!isRepository) {
    throw new NotFoundError(`Repository '${location.display}' not found`);
  }
  return location.source;
}

/** Whether the repository holds the commit. */
export async function hasCommit(gitDir: string, sha: string): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd: gitDir });
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) {
      return false;
    }
    throw error;
  }
}

export function notInRepository(sha: string, location: RepositoryLocation) {
  return new InputError(
    `Commit '${sha}' is not in repository '${location.display}'`,
  );
}

/** Lists refs of a repository as a map from ref name to sha. */
export async function lsRemote(
  location: RepositoryLocation,
  options: string[],
  patterns: string[],
  env?: Record<string, string>,
): Promise<Map<string, string>> {
  let output: string;
  try {
    output = (
      await runGit(
        ['ls-remote', ...options, '--', location.source, ...patterns],
        { env },
      )
    ).toString();
  } catch (error) {
    throw new Error(
      `Could not read repository '${location.display}': ${location.scrub(
        String((error as Error).message),
      )}`,
    );
  }
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [value, name] = line.split('\t');
    if (!name) {
      continue;
    }
    // `--symref` prints `ref: refs/heads/main<TAB>HEAD`.
    if (value.startsWith('ref: ')) {
      refs.set(`ref: ${name}`, value.slice('ref: '.length));
    } else {
      refs.set(name, value);
    }
  }
  return refs;
}
