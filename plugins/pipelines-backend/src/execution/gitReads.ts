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

/**
 * The git folder of a local repository (the common one, where its objects
 * live, for a linked worktree) as an absolute path; NotFoundError when the
 * folder is no repository.
 */
export async function existingGitDir(
  location: RepositoryLocation,
): Promise<string> {
  const folder = await existingFolder(location);
  const output = await runGit(
    ['rev-parse', '--path-format=absolute', '--git-common-dir'],
    { cwd: folder },
  );
  return output.toString().trim();
}

/** An object read by `readObjects`; `content` is absent when too large. */
export type GitObject = { type: string; size: number; content?: Buffer };

/**
 * Reads objects named like `<sha>^{commit}` or `<sha>:<path>` with one
 * `git cat-file --batch`; undefined for a name that names nothing. An
 * object larger than `maxBytes` comes without its content.
 */
export async function readObjects(
  gitDir: string,
  names: string[],
  maxBytes: number,
): Promise<Array<GitObject | undefined>> {
  if (names.some(name => /[\n\r]/.test(name))) {
    throw new InputError('Object names must not contain line breaks');
  }
  const input = `${names.join('\n')}\n`;
  let output: Buffer;
  try {
    output = await runGit(['cat-file', '--batch'], {
      cwd: gitDir,
      input,
      // headers and small commits besides the contents
      maxOutputBytes: maxBytes * names.length + 64 * 1024,
    });
  } catch (error) {
    if (error instanceof GitCommandError) throw error;
    // more output than wanted: take the headers alone
    const headers = await runGit(['cat-file', '--batch-check'], {
      cwd: gitDir,
      input,
    });
    return headers
      .toString()
      .split('\n')
      .slice(0, names.length)
      .map(parseObjectHeader);
  }

  const objects: Array<GitObject | undefined> = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) throw new Error('git cat-file --batch ended early');
    const header = parseObjectHeader(output.subarray(at, end).toString());
    at = end + 1;
    if (header) {
      objects.push({
        ...header,
        content: output.subarray(at, at + header.size),
      });
      at += header.size + 1;
    } else {
      objects.push(undefined);
    }
  }
  return objects.map(object =>
    object && object.size > maxBytes
      ? { ...object, content: undefined }
      : object,
  );
}

/** `<oid> <type> <size>`, or undefined for `<name> missing` and the like. */
function parseObjectHeader(line: string): GitObject | undefined {
  const match = /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(line);
  return match ? { type: match[1], size: Number(match[2]) } : undefined;
}

/**
 * Reads a blob such as `<sha>:<path>`; undefined when it names no file.
 *
 * @throws InputError when the blob is larger than `maxBytes`.
 */
export async function readBlob(
  gitDir: string,
  object: string,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const [found] = await readObjects(gitDir, [object], maxBytes);
  return blobContent(found, object, maxBytes);
}

/** The content of a blob read by `readObjects`; see `readBlob`. */
export function blobContent(
  found: GitObject | undefined,
  object: string,
  maxBytes: number,
): Buffer | undefined {
  if (found?.type !== 'blob') {
    return undefined;
  }
  if (found.size > maxBytes || !found.content) {
    throw new InputError(
      `File '${object.slice(
        object.indexOf(':') + 1,
      )}' is larger than ${maxBytes} bytes`,
    );
  }
  return found.content;
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

/**
 * Refs of a repository on this machine, read with one git process instead
 * of `ls-remote` (which starts a second one to serve the protocol): the
 * same map of ref name to sha, `^{}` entries for the commits of annotated
 * tags, and `ref: HEAD` for the symbolic HEAD when `HEAD` is asked for.
 */
export async function localRefs(
  gitDir: string,
  patterns: string[],
): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  const names = patterns.filter(p => p !== 'HEAD' && !p.endsWith('^{}'));
  if (patterns.includes('HEAD')) {
    const [sha, target] = (
      await runGit(['rev-parse', 'HEAD', '--symbolic-full-name', 'HEAD'], {
        cwd: gitDir,
      }).catch(() => Buffer.alloc(0))
    )
      .toString()
      .split('\n');
    if (sha) refs.set('HEAD', sha);
    if (target?.startsWith('refs/')) refs.set('ref: HEAD', target);
  }
  if (names.length) {
    const output = await runGit(
      [
        'for-each-ref',
        '--format=%(refname) %(objectname) %(*objectname)',
        '--',
        ...names,
      ],
      { cwd: gitDir },
    );
    for (const line of output.toString().split('\n')) {
      const [name, sha, peeled] = line.split(' ');
      // a pattern also matches the refs below it; keep exact names only
      if (!names.includes(name)) continue;
      refs.set(name, sha);
      if (peeled) refs.set(`${name}^{}`, peeled);
    }
  }
  return refs;
}
