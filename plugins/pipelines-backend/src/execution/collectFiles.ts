import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { compileGlob } from './compileGlob';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..';
}

/**
 * Finds the files of a workspace that match any of the globs (`*`, `?`,
 * `**`), as sorted `/`-separated paths relative to `directory`. A glob that
 * matches a folder takes every file below it.
 *
 * @remarks
 *
 * Nothing outside `directory` is ever returned: folders reached through
 * symlinks are not entered, and a symlinked file counts only when its real
 * location lies inside `directory`. The `.git` folders are skipped.
 *
 * @throws InputError for absolute globs and globs with `..`.
 *
 * @public
 */
export async function collectFiles(
  directory: string,
  globs: string[],
): Promise<string[]> {
  const patterns = globs.map(compileGlob);
  const matches = (path: string) => patterns.some(p => p.test(path));
  const root = await realpath(directory);
  const found = new Set<string>();

  const isFileInside = async (path: string) => {
    try {
      const target = await realpath(path);
      return isInside(root, target) && (await stat(target)).isFile();
    } catch {
      // A dangling link.
      return false;
    }
  };

  const walk = async (folder: string, takeAll: boolean): Promise<void> => {
    const entries = await readdir(join(root, folder), { withFileTypes: true });
    for (const entry of entries) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') {
          await walk(path, takeAll || matches(path));
        }
      } else if (takeAll || matches(path)) {
        if (entry.isFile()) {
          found.add(path);
        } else if (
          entry.isSymbolicLink() &&
          (await isFileInside(join(root, path)))
        ) {
          found.add(path);
        }
      }
    }
  };

  if ((await lstat(root)).isDirectory()) {
    await walk('', false);
  }
  return [...found].sort();
}
