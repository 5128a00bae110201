import { InputError } from '@backstage/errors';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectFiles } from './collectFiles';

describe('collectFiles', () => {
  let base: string;
  let workspace: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'golive-collect-'));
    workspace = join(base, 'workspace');
    const files = [
      'dist/app.js',
      'dist/nested/deep/chunk.js',
      'reports/junit.xml',
      'reports/e2e/results.xml',
      'src/index.ts',
      'a1.log',
      'a22.log',
      '.git/config',
    ];
    for (const file of files) {
      await mkdir(dirname(join(workspace, file)), { recursive: true });
      await writeFile(join(workspace, file), file);
    }
    await writeFile(join(base, 'outside.txt'), 'secret');
    await mkdir(join(base, 'outside-folder'));
    await writeFile(join(base, 'outside-folder', 'x.xml'), 'x');
    await symlink(join(base, 'outside.txt'), join(workspace, 'escape.xml'));
    await symlink(join(base, 'outside-folder'), join(workspace, 'linked'));
    await symlink(
      join(workspace, 'reports/junit.xml'),
      join(workspace, 'inside.xml'),
    );
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('matches *, ** and ?', async () => {
    expect(await collectFiles(workspace, ['**/*.xml'])).toEqual([
      'inside.xml',
      'reports/e2e/results.xml',
      'reports/junit.xml',
    ]);
    expect(await collectFiles(workspace, ['reports/*.xml'])).toEqual([
      'reports/junit.xml',
    ]);
    expect(await collectFiles(workspace, ['a?.log'])).toEqual(['a1.log']);
    expect(await collectFiles(workspace, ['./dist/**/*.js'])).toEqual([
      'dist/app.js',
      'dist/nested/deep/chunk.js',
    ]);
  });

  it('takes every file below a matching folder', async () => {
    expect(await collectFiles(workspace, ['dist', 'src/'])).toEqual([
      'dist/app.js',
      'dist/nested/deep/chunk.js',
      'src/index.ts',
    ]);
  });

  it('never returns files outside the folder or inside .git', async () => {
    const all = await collectFiles(workspace, ['**']);
    expect(all).not.toContain('escape.xml');
    expect(all.some(path => path.startsWith('linked'))).toBe(false);
    expect(all.some(path => path.startsWith('.git'))).toBe(false);
    expect(all).toContain('inside.xml');
  });

  it.each(['/etc/passwd', '../outside.txt', 'dist/../../outside.txt', ''])(
    'refuses the glob %j',
    async glob => {
      await expect(collectFiles(workspace, [glob])).rejects.toBeInstanceOf(
        InputError,
      );
    },
  );
});
