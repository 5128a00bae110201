import { InputError } from '@backstage/errors';
import type { ArtifactStore } from '@golive/platform-node';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** What the `${{ scope.name }}` parts of a cache key can read. */
export type CacheKeyContext = Record<
  'git' | 'inputs' | 'env' | 'matrix',
  Record<string, string | number | boolean | undefined>
>;

const PLACEHOLDER = /\$\{\{\s*([a-z]+)\.([A-Za-z0-9_-]+)\s*\}\}/g;

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * Fills the `${{ git.sha }}`, `${{ env.NAME }}`, `${{ inputs.name }}` and
 * `${{ matrix.name }}` parts of a cache key; an absent value reads as an
 * empty string.
 *
 * @throws InputError for another scope or an unclosed placeholder.
 */
export function evaluateCacheKey(
  template: string,
  context: CacheKeyContext,
): string {
  const key = template.replace(PLACEHOLDER, (_, scope: string, name) => {
    if (!(scope in context)) {
      throw new InputError(`Cache key cannot read "${scope}.${name}"`);
    }
    const value = context[scope as keyof CacheKeyContext][name];
    return value === undefined ? '' : String(value);
  });
  if (key.includes('${{')) {
    throw new InputError(`Cache key "${template}" has an invalid placeholder`);
  }
  return key;
}

/**
 * Where a cache lives: per entity and key, never named by the user. Runs of
 * pull requests from forks read and write caches of their own, so that
 * code from outside cannot plant files in the caches of trusted runs.
 */
export function cacheStorageName(
  entityRef: string,
  key: string,
  options: { fromFork?: boolean } = {},
) {
  const folder = `caches/${sha256(entityRef).slice(0, 32)}`;
  const name = `${options.fromFork ? 'fork-' : ''}${sha256(key)}.tar.gz`;
  return `${folder}/${name}`;
}

/**
 * The cache paths that exist in the workspace, relative to it. A path that
 * leaves the workspace, itself or through a symbolic link, is refused.
 *
 * @throws InputError for a path outside the workspace.
 */
export async function resolveCachePaths(
  workspace: string,
  paths: string[],
): Promise<string[]> {
  const root = await realpath(workspace);
  const inside = (path: string) =>
    path !== root && path.startsWith(`${root}${sep}`);
  const found: string[] = [];
  for (const path of paths) {
    const absolute = resolve(root, path);
    if (!inside(absolute)) {
      throw new InputError(`Cache path "${path}" is outside the workspace`);
    }
    const exists = await lstat(absolute).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    if (!inside(await realpath(absolute))) {
      throw new InputError(`Cache path "${path}" is outside the workspace`);
    }
    found.push(relative(root, absolute));
  }
  return found;
}

function runTar(args: string[], input?: Readable): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('tar', args, {
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', chunk => {
      stderr = (stderr + chunk).slice(-4096);
    });
    if (input) {
      pipeline(input, child.stdin!).catch(error => child.kill() && fail(error));
    }
    child.once('error', fail);
    child.once('close', code =>
      code === 0
        ? done()
        : fail(new Error(`tar ended with ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * Unpacks the cache stored under `name` into the workspace; false when
 * there is none.
 */
export async function restoreCache(options: {
  artifacts: ArtifactStore;
  name: string;
  workspace: string;
}): Promise<boolean> {
  if (!(await options.artifacts.exists(options.name))) return false;
  const content = await options.artifacts.get(options.name);
  await runTar(
    ['-xzf', '-', '-C', options.workspace, '--no-same-owner'],
    content,
  );
  return true;
}

/**
 * Packs the cache paths that exist into a tarball stored under `name`,
 * replacing the previous one; the number of paths saved (0: nothing
 * stored).
 *
 * @throws InputError for a path outside the workspace.
 */
export async function saveCache(options: {
  artifacts: ArtifactStore;
  name: string;
  workspace: string;
  paths: string[];
}): Promise<number> {
  const paths = await resolveCachePaths(options.workspace, options.paths);
  if (!paths.length) return 0;
  // packed to a file first: a failed tar must not replace the stored cache
  const file = join(tmpdir(), `golive-cache-${randomUUID()}.tar.gz`);
  try {
    await runTar(['-czf', file, '-C', options.workspace, '--', ...paths]);
    await options.artifacts.put(options.name, createReadStream(file));
  } finally {
    await rm(file, { force: true });
  }
  return paths.length;
}
