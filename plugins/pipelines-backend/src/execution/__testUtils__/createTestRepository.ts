import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const AUTHOR = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** A git repository in a folder, with helpers to commit files into it. */
export function createTestRepository(directory: string) {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: directory,
      env: { ...process.env, ...AUTHOR },
    })
      .toString()
      .trim();

  return {
    directory,
    git,
    async init(branch = 'main') {
      await mkdir(directory, { recursive: true });
      git('init', '-q', '-b', branch);
    },
    /** Writes the files and commits them; returns the new commit's sha. */
    async commit(files: Record<string, string>, message = 'change') {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(directory, path)), { recursive: true });
        await writeFile(join(directory, path), content);
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}
