import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').then(
    text => text.trim(),
    () => undefined,
  );
}

/** The sha of a branch from its loose file or from `packed-refs`. */
async function readBranch(
  gitDir: string,
  name: string,
): Promise<string | undefined> {
  const loose = await readText(join(gitDir, name));
  if (loose !== undefined) {
    return SHA.test(loose) ? loose : undefined;
  }
  const packed = await readText(join(gitDir, 'packed-refs'));
  for (const line of packed?.split('\n') ?? []) {
    const [sha, ref] = line.split(' ');
    if (ref === name && SHA.test(sha)) return sha;
  }
  return undefined;
}

/**
 * Reads branches of a repository on this machine straight from its files,
 * with no git process: `HEAD` (with `ref: HEAD`, its branch) and names under
 * `refs/heads/`. Undefined when anything asked for is not such a plain
 * branch (a tag to peel, a symbolic ref, another ref storage): the caller
 * asks git then.
 */
export async function readBranchFiles(
  gitDir: string,
  patterns: string[],
): Promise<Map<string, string> | undefined> {
  const refs = new Map<string, string>();
  if (patterns.length === 1 && patterns[0] === 'HEAD') {
    const head = await readText(join(gitDir, 'HEAD'));
    const target = head?.startsWith('ref: ')
      ? head.slice('ref: '.length)
      : undefined;
    if (!target?.startsWith('refs/heads/')) return undefined;
    const sha = await readBranch(gitDir, target);
    if (!sha) return undefined;
    refs.set('ref: HEAD', target);
    refs.set('HEAD', sha);
    return refs;
  }
  // the first name a ref is looked up by decides; a branch comes first
  const branch = patterns[0];
  if (!branch?.startsWith('refs/heads/') || branch.includes('..')) {
    return undefined;
  }
  const sha = await readBranch(gitDir, branch);
  if (!sha) return undefined;
  refs.set(branch, sha);
  return refs;
}
