import { mockServices } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestRepository } from './__testUtils__/createTestRepository';
import { startGitHttpServer } from './__testUtils__/startGitHttpServer';
import { GitWorkspace } from './GitWorkspace';

const MISSING_SHA = '0123456789abcdef0123456789abcdef01234567';

describe('GitWorkspace', () => {
  let base: string;
  let root: string;
  let repo: ReturnType<typeof createTestRepository>;
  let first: string;
  let second: string;
  let workspaces: GitWorkspace;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'golive-git-'));
    root = join(base, 'workspaces');
    repo = createTestRepository(join(base, 'repos', 'shop.git'));
    await repo.init();
    first = await repo.commit({ 'README.md': 'first\n', 'src/a.txt': 'a' });
    repo.git('tag', '-a', 'v1', '-m', 'release 1');
    second = await repo.commit({ 'README.md': 'second\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    await repo.commit({ 'feature.txt': 'f' });
    repo.git('checkout', '-q', 'main');
    workspaces = GitWorkspace.create({
      rootDirectory: root,
      logger: mockServices.logger.mock(),
    });
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  describe('prepare', () => {
    it('checks out the exact commit, detached, in a folder of the attempt', async () => {
      const { directory } = await workspaces.prepare({
        repositoryUrl: repo.directory,
        sha: first,
        jobId: 'job-1',
        attempt: 2,
      });

      expect(directory).toBe(join(root, 'job-1-2'));
      expect(await readFile(join(directory, 'README.md'), 'utf8')).toBe(
        'first\n',
      );
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: directory }).toString().trim();
      expect(git('rev-parse', 'HEAD')).toBe(first);
      expect(() =>
        execFileSync('git', ['symbolic-ref', '-q', 'HEAD'], {
          cwd: directory,
        }),
      ).toThrow();
      expect(git('remote')).toBe('');
      expect(existsSync(join(directory, '.git', 'FETCH_HEAD'))).toBe(false);
    });

    it('accepts file URLs and replaces a folder left by the same attempt', async () => {
      const options = {
        repositoryUrl: pathToFileURL(repo.directory).href,
        sha: second,
        jobId: 'job-2',
        attempt: 1,
      };
      const { directory } = await workspaces.prepare(options);
      await rm(join(directory, 'README.md'));
      await workspaces.prepare(options);

      expect(await readFile(join(directory, 'README.md'), 'utf8')).toBe(
        'second\n',
      );
    });

    it('gives each attempt a clean copy whose changes stay its own', async () => {
      const prepare = (jobId: string) =>
        workspaces.prepare({
          repositoryUrl: repo.directory,
          sha: first,
          jobId,
          attempt: 1,
        });
      const one = (await prepare('job-copy-1')).directory;
      const run = (cwd: string, ...args: string[]) =>
        execFileSync('git', args, {
          cwd,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'Step',
            GIT_AUTHOR_EMAIL: 'step@example.com',
            GIT_COMMITTER_NAME: 'Step',
            GIT_COMMITTER_EMAIL: 'step@example.com',
          },
        })
          .toString()
          .trim();
      await writeFile(join(one, 'README.md'), 'changed by a step\n');
      run(one, 'commit', '-qam', 'step commit');
      const stepCommit = run(one, 'rev-parse', 'HEAD');

      const two = (await prepare('job-copy-2')).directory;
      expect(await readFile(join(two, 'README.md'), 'utf8')).toBe('first\n');
      expect(await readFile(join(two, 'src/a.txt'), 'utf8')).toBe('a');
      expect(run(two, 'rev-parse', 'HEAD')).toBe(first);
      expect(run(two, 'status', '--porcelain')).toBe('');
      expect(run(two, 'log', '--format=%H')).toBe(first);
      // the step's commit went to its own workspace, not to the repository
      expect(() =>
        repo.git('cat-file', '-e', `${stepCommit}^{commit}`),
      ).toThrow();
    });

    it('keeps executable bits and symbolic links in every copy', async () => {
      const other = createTestRepository(join(base, 'repos', 'tools.git'));
      await other.init();
      await writeFile(join(other.directory, 'run.sh'), '#!/bin/sh\necho ok\n');
      await chmod(join(other.directory, 'run.sh'), 0o755);
      await symlink('run.sh', join(other.directory, 'start'));
      const sha = await other.commit({ 'docs/a.md': 'a' });

      for (const jobId of ['job-mode-1', 'job-mode-2']) {
        const { directory } = await workspaces.prepare({
          repositoryUrl: other.directory,
          sha,
          jobId,
          attempt: 1,
        });
        expect((await stat(join(directory, 'run.sh'))).mode & 0o111).toBe(
          0o111,
        );
        expect(await readlink(join(directory, 'start'))).toBe('run.sh');
        expect(execFileSync('./start', { cwd: directory }).toString()).toBe(
          'ok\n',
        );
        expect(await readFile(join(directory, 'docs/a.md'), 'utf8')).toBe('a');
      }
    });

    it('throws an InputError for a commit the repository lacks and leaves no folder', async () => {
      await expect(
        workspaces.prepare({
          repositoryUrl: repo.directory,
          sha: MISSING_SHA,
          jobId: 'job-3',
          attempt: 1,
        }),
      ).rejects.toThrow(
        new InputError(
          `Commit '${MISSING_SHA}' is not in repository '${repo.directory}'`,
        ),
      );
      expect(existsSync(join(root, 'job-3-1'))).toBe(false);
    });

    it.each([
      ['a short sha', { sha: 'abc123' }],
      ['a job id with a slash', { jobId: '../etc' }],
      ['attempt 0', { attempt: 0 }],
      ['an option as address', { repositoryUrl: '--upload-pack=touch' }],
      ['the ext transport', { repositoryUrl: 'ext::sh -c touch% /tmp/x' }],
    ])('refuses %s', async (_, override) => {
      await expect(
        workspaces.prepare({
          repositoryUrl: repo.directory,
          sha: first,
          jobId: 'job-4',
          attempt: 1,
          ...override,
        }),
      ).rejects.toBeInstanceOf(InputError);
    });
  });

  describe('remove', () => {
    it('removes a workspace', async () => {
      const { directory } = await workspaces.prepare({
        repositoryUrl: repo.directory,
        sha: first,
        jobId: 'job-5',
        attempt: 1,
      });
      await workspaces.remove(directory);
      expect(existsSync(directory)).toBe(false);
    });

    it('refuses folders outside its root', async () => {
      await expect(workspaces.remove(repo.directory)).rejects.toBeInstanceOf(
        InputError,
      );
      await expect(workspaces.remove(root)).rejects.toBeInstanceOf(InputError);
      expect(existsSync(repo.directory)).toBe(true);
    });
  });

  describe('readFileAt', () => {
    const read = (sha: string, path: string, maxBytes = 1024) =>
      workspaces.readFileAt({
        repositoryUrl: repo.directory,
        sha,
        path,
        maxBytes,
      });

    it('reads a file as it was at the commit', async () => {
      expect(await read(first, 'README.md')).toBe('first\n');
      expect(await read(second, './README.md')).toBe('second\n');
    });

    it('returns undefined for absent files and for folders', async () => {
      expect(await read(first, 'missing.yaml')).toBeUndefined();
      expect(await read(first, 'src')).toBeUndefined();
    });

    it('refuses files over the limit, missing commits and paths out of the tree', async () => {
      await expect(read(first, 'README.md', 3)).rejects.toThrow(
        "File 'README.md' is larger than 3 bytes",
      );
      await expect(read(MISSING_SHA, 'README.md')).rejects.toBeInstanceOf(
        InputError,
      );
      await expect(read(first, '../x')).rejects.toBeInstanceOf(InputError);
    });

    it('refuses a file far over the limit without reading it whole', async () => {
      repo.git('checkout', '-q', '-b', 'big');
      const big = await repo.commit({ 'big.bin': 'x'.repeat(512 * 1024) });
      repo.git('checkout', '-q', 'main');
      await expect(read(big, 'big.bin', 100)).rejects.toThrow(
        "File 'big.bin' is larger than 100 bytes",
      );
      expect(await read(big, 'README.md', 100)).toBe('second\n');
    });

    it.each([
      ['a folder that does not exist', 'nowhere'],
      ['a folder inside a repository', 'repos/shop.git/src'],
    ])('throws a NotFoundError for %s', async (_, folder) => {
      await expect(
        workspaces.readFileAt({
          repositoryUrl: join(base, folder),
          sha: first,
          path: 'README.md',
          maxBytes: 100,
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('resolveRef', () => {
    it('resolves the default branch, branches and annotated tags', async () => {
      const resolve = (ref?: string) =>
        workspaces.resolveRef({ repositoryUrl: repo.directory, ref });

      expect(await resolve()).toEqual({ sha: second, ref: 'main' });
      expect(await resolve('main')).toEqual({ sha: second, ref: 'main' });
      // a tag says it is one; a branch of the same name wins
      expect(await resolve('v1')).toEqual({ sha: first, ref: 'refs/tags/v1' });
      expect(await resolve('refs/tags/v1')).toEqual({
        sha: first,
        ref: 'refs/tags/v1',
      });
      expect((await resolve('refs/heads/feature')).sha).toBe(
        repo.git('rev-parse', 'feature'),
      );
      repo.git('branch', 'v1', 'main');
      expect(await resolve('v1')).toEqual({ sha: second, ref: 'v1' });
      repo.git('branch', '-D', 'v1');
      await expect(resolve('nope')).rejects.toThrow(
        `Ref 'nope' is not in repository '${repo.directory}'`,
      );
      await expect(resolve('--upload-pack=x')).rejects.toBeInstanceOf(
        InputError,
      );
    });

    it('resolves branches moved since, loose or packed', async () => {
      const resolve = (ref?: string) =>
        workspaces.resolveRef({ repositoryUrl: repo.directory, ref });
      const feature = repo.git('rev-parse', 'feature');

      repo.git('pack-refs', '--all');
      expect(await resolve('feature')).toEqual({
        sha: feature,
        ref: 'feature',
      });
      repo.git('update-ref', 'refs/heads/feature', first);
      expect(await resolve('feature')).toEqual({ sha: first, ref: 'feature' });
      repo.git('update-ref', 'refs/heads/feature', feature);
      expect(await resolve('feature')).toEqual({
        sha: feature,
        ref: 'feature',
      });
      expect(await resolve()).toEqual({ sha: second, ref: 'main' });
    });
  });

  describe('over HTTP', () => {
    let server: Awaited<ReturnType<typeof startGitHttpServer>>;

    beforeAll(async () => {
      server = await startGitHttpServer(join(base, 'repos'));
    });

    afterAll(async () => {
      await server.close();
    });

    it('checks out, reads files and resolves refs of a remote repository', async () => {
      const repositoryUrl = `${server.url}/shop.git`;

      expect(await workspaces.resolveRef({ repositoryUrl })).toEqual({
        sha: second,
        ref: 'main',
      });
      const { directory } = await workspaces.prepare({
        repositoryUrl,
        sha: first,
        jobId: 'job-http',
        attempt: 1,
      });
      expect(await readFile(join(directory, 'src/a.txt'), 'utf8')).toBe('a');
      for (const sha of [first, second, first]) {
        expect(
          await workspaces.readFileAt({
            repositoryUrl,
            sha,
            path: 'README.md',
            maxBytes: 100,
          }),
        ).toBe(sha === first ? 'first\n' : 'second\n');
      }
      expect(await readdir(join(root, '.mirrors'))).toHaveLength(1);
    });

    it('keeps credentials of the URL out of workspaces and errors', async () => {
      const repositoryUrl = `${server.url.replace(
        '//',
        '//user:t0ps3cret@',
      )}/shop.git`;
      const { directory } = await workspaces.prepare({
        repositoryUrl,
        sha: second,
        jobId: 'job-creds',
        attempt: 1,
      });
      const gitFiles = await readdir(join(directory, '.git'));
      for (const file of gitFiles.filter(f => !f.match(/objects|hooks/))) {
        const content = await readFile(join(directory, '.git', file)).catch(
          () => Buffer.alloc(0),
        );
        expect(content.toString()).not.toContain('t0ps3cret');
      }

      const failure = await workspaces
        .resolveRef({
          repositoryUrl: repositoryUrl.replace('shop.git', 'nope.git'),
        })
        .catch(error => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure.message).toContain('Could not read repository');
      expect(failure.message).not.toContain('t0ps3cret');
    });
  });
});
