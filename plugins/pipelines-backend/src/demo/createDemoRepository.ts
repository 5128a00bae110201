import type { LoggerService } from '@backstage/backend-plugin-api';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { demoFiles } from './demoFiles';

const run = promisify(execFile);

/** Where the demo repository lives, relative to `golive.dataDirectory`. */
export const DEMO_REPOSITORY_PATH = 'demo-repos/shop-web';

/**
 * Creates the git repository of the demo component when it is absent. An
 * existing repository is left as it is, so local edits survive restarts.
 */
export async function createDemoRepository(options: {
  dataDirectory: string;
  logger: LoggerService;
}): Promise<string> {
  const directory = join(options.dataDirectory, DEMO_REPOSITORY_PATH);
  if (existsSync(join(directory, '.git'))) return directory;

  for (const [path, content] of Object.entries(demoFiles)) {
    const file = join(directory, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content, {
      mode: path.endsWith('.sh') ? 0o755 : 0o644,
    });
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'GoLive Demo',
    GIT_AUTHOR_EMAIL: 'demo@golive.invalid',
    GIT_COMMITTER_NAME: 'GoLive Demo',
    GIT_COMMITTER_EMAIL: 'demo@golive.invalid',
  };
  const git = (...args: string[]) => run('git', args, { cwd: directory, env });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'Create shop-web');
  options.logger.info('Created demo repository', { directory });
  return directory;
}
