import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CONFIG = `[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = false
\tlogallrefupdates = false
`;

/**
 * Writes the `.git` folder of a workspace by hand: HEAD detached at the
 * commit, objects borrowed from `objectsDirectory` through git's alternates
 * (as `git clone --shared` does), no remote and no fetched refs. Objects a
 * step writes land in the workspace's own folder, never in the shared one.
 * A shallow cache hands its shallow boundary on, so that history reads stop
 * where the cache's history stops.
 */
export async function writeWorkspaceSkeleton(options: {
  gitDirectory: string;
  sha: string;
  objectsDirectory: string;
  shallowFile?: string;
}): Promise<void> {
  const { gitDirectory } = options;
  await Promise.all(
    // what git needs to see a repository; it creates the rest on demand
    ['objects/info', 'refs'].map(path =>
      mkdir(join(gitDirectory, path), { recursive: true }),
    ),
  );
  await Promise.all([
    writeFile(join(gitDirectory, 'HEAD'), `${options.sha}\n`),
    writeFile(join(gitDirectory, 'config'), CONFIG),
    writeFile(
      join(gitDirectory, 'objects/info/alternates'),
      `${options.objectsDirectory}\n`,
    ),
    options.shallowFile
      ? copyFile(options.shallowFile, join(gitDirectory, 'shallow')).catch(
          error => {
            if (error.code !== 'ENOENT') throw error;
          },
        )
      : undefined,
  ]);
}
