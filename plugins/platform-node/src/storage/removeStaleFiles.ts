import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes the entries of `folder` that were last modified more than
 * `maxAgeMs` ago, such as staging files left behind by a crash.
 */
export async function removeStaleFiles(
  folder: string,
  maxAgeMs: number,
): Promise<void> {
  const cutoff = Date.now() - maxAgeMs;
  for (const entry of await readdir(folder)) {
    const path = join(folder, entry);
    const stats = await lstat(path).catch(() => undefined);
    if (stats && stats.mtimeMs < cutoff) {
      await rm(path, { force: true, recursive: true });
    }
  }
}
