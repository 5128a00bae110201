import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  mkdir,
  readFile,
  readdir,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalArtifactStore } from './LocalArtifactStore';

describe('LocalArtifactStore', () => {
  const mockDir = createMockDirectory();
  const rootDir = () => mockDir.resolve('store');
  const outsideDir = () => mockDir.resolve('outside');
  let store: LocalArtifactStore;

  beforeEach(async () => {
    mockDir.clear();
    await mkdir(outsideDir());
    await writeFile(join(outsideDir(), 'secret.txt'), 'top secret');
    store = await LocalArtifactStore.create({ directory: rootDir() });
  });

  it('stores and reads back a buffer', async () => {
    const info = await store.put(
      'runs/r1/jobs/j1/report.xml',
      Buffer.from('<ok/>'),
    );

    expect(info).toEqual({
      name: 'runs/r1/jobs/j1/report.xml',
      size: 5,
      lastModified: expect.any(Date),
    });
    expect(await text(await store.get('runs/r1/jobs/j1/report.xml'))).toBe(
      '<ok/>',
    );
    await expect(
      readFile(join(rootDir(), 'runs/r1/jobs/j1/report.xml'), 'utf8'),
    ).resolves.toBe('<ok/>');
  });

  it('stores a stream and replaces earlier content', async () => {
    await store.put('runs/r1/log.txt', Buffer.from('old'));
    await store.put('runs/r1/log.txt', Readable.from(['new ', 'content']));

    expect(await text(await store.get('runs/r1/log.txt'))).toBe('new content');
    expect(await store.stat('runs/r1/log.txt')).toMatchObject({ size: 11 });
  });

  it('keeps the previous content and no partial file when a stream fails', async () => {
    await store.put('runs/r1/out.bin', Buffer.from('complete'));
    const failing = new Readable({
      read() {
        this.push('half');
        this.destroy(new Error('connection lost'));
      },
    });

    await expect(store.put('runs/r1/out.bin', failing)).rejects.toThrow(
      'connection lost',
    );
    expect(await text(await store.get('runs/r1/out.bin'))).toBe('complete');
    expect(await readdir(join(rootDir(), '.golive-staging'))).toEqual([]);
  });

  it('reports missing artifacts', async () => {
    await expect(store.get('runs/none.txt')).rejects.toThrow(NotFoundError);
    expect(await store.stat('runs/none.txt')).toBeUndefined();
    expect(await store.exists('runs/none.txt')).toBe(false);
    expect(await store.delete('runs/none.txt')).toBe(false);
  });

  it('treats folders as neither artifacts nor overwritable', async () => {
    await store.put('runs/r1/a.txt', Buffer.from('a'));

    expect(await store.exists('runs/r1')).toBe(false);
    await expect(store.get('runs/r1')).rejects.toThrow(NotFoundError);
    await expect(store.put('runs/r1', Buffer.from('x'))).rejects.toThrow(
      'is a folder of other artifacts',
    );
    await expect(
      store.put('runs/r1/a.txt/b', Buffer.from('x')),
    ).rejects.toThrow('passes through a file');
  });

  it('lists by prefix, sorted, without staging files', async () => {
    for (const name of ['runs/r2/b.txt', 'runs/r1/z.txt', 'runs/r1/a/x.txt']) {
      await store.put(name, Buffer.from(name));
    }
    await store.put('other/r1.txt', Buffer.from('o'));
    await writeFile(join(rootDir(), '.golive-staging', 'left.partial'), 'x');

    const names = async (prefix?: string) =>
      (await store.list(prefix)).map(info => info.name);
    expect(await names('runs/r1/')).toEqual([
      'runs/r1/a/x.txt',
      'runs/r1/z.txt',
    ]);
    expect(await names('runs/r')).toEqual([
      'runs/r1/a/x.txt',
      'runs/r1/z.txt',
      'runs/r2/b.txt',
    ]);
    expect(await names()).toEqual([
      'other/r1.txt',
      'runs/r1/a/x.txt',
      'runs/r1/z.txt',
      'runs/r2/b.txt',
    ]);
    expect(await names('missing/')).toEqual([]);
    expect(await names('other/r1.txt/')).toEqual([]);
  });

  it('deletes an artifact and the folders it leaves empty', async () => {
    await store.put('runs/r1/jobs/j1/a.txt', Buffer.from('a'));
    await store.put('runs/r1/b.txt', Buffer.from('b'));

    expect(await store.delete('runs/r1/jobs/j1/a.txt')).toBe(true);
    expect(await store.exists('runs/r1/jobs/j1/a.txt')).toBe(false);
    expect(await readdir(join(rootDir(), 'runs/r1'))).toEqual(['b.txt']);
  });

  it('refuses unsafe names before touching the disk', async () => {
    for (const name of [
      '../outside/secret.txt',
      '/etc/passwd',
      'a\\b',
      'a//b',
    ]) {
      await expect(store.put(name, Buffer.from('x'))).rejects.toThrow(
        InputError,
      );
      await expect(store.get(name)).rejects.toThrow(InputError);
      await expect(store.delete(name)).rejects.toThrow(InputError);
    }
  });

  describe('with a symlink that points outside the store', () => {
    beforeEach(async () => {
      await mkdir(join(rootDir(), 'runs'), { recursive: true });
      await symlink(outsideDir(), join(rootDir(), 'runs', 'escape'));
      await symlink(
        join(outsideDir(), 'secret.txt'),
        join(rootDir(), 'runs', 'secret.txt'),
      );
    });

    it('refuses to read through it', async () => {
      await expect(store.get('runs/escape/secret.txt')).rejects.toThrow(
        'leads outside the artifact store',
      );
      await expect(store.get('runs/secret.txt')).rejects.toThrow(InputError);
      await expect(store.stat('runs/escape/secret.txt')).rejects.toThrow(
        InputError,
      );
    });

    it('refuses to write or create folders through it', async () => {
      await expect(
        store.put('runs/escape/secret.txt', Buffer.from('pwned')),
      ).rejects.toThrow('leads outside the artifact store');
      await expect(
        store.put('runs/escape/new/deep.txt', Buffer.from('pwned')),
      ).rejects.toThrow(InputError);

      expect(await readdir(outsideDir())).toEqual(['secret.txt']);
      await expect(
        readFile(join(outsideDir(), 'secret.txt'), 'utf8'),
      ).resolves.toBe('top secret');
    });

    it('refuses to delete or list through it', async () => {
      await expect(store.delete('runs/escape/secret.txt')).rejects.toThrow(
        InputError,
      );
      await expect(store.list('runs/escape/')).rejects.toThrow(InputError);
      expect(await store.list('runs/')).toEqual([]);
      expect(await readdir(outsideDir())).toEqual(['secret.txt']);
    });

    it('replaces a symlinked artifact instead of writing through it', async () => {
      await store.put('runs/secret.txt', Buffer.from('replaced'));

      expect(await text(await store.get('runs/secret.txt'))).toBe('replaced');
      await expect(
        readFile(join(outsideDir(), 'secret.txt'), 'utf8'),
      ).resolves.toBe('top secret');
    });
  });

  it('follows symlinks that stay inside the store', async () => {
    await store.put('runs/r1/report.xml', Buffer.from('<ok/>'));
    await symlink('r1', join(rootDir(), 'runs', 'latest'));

    expect(await text(await store.get('runs/latest/report.xml'))).toBe('<ok/>');
  });

  it('removes stale staging files when it starts', async () => {
    const staging = join(rootDir(), '.golive-staging');
    await writeFile(join(staging, 'old.partial'), 'x');
    await writeFile(join(staging, 'fresh.partial'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(staging, 'old.partial'), twoHoursAgo, twoHoursAgo);

    await LocalArtifactStore.create({ directory: rootDir() });

    expect(await readdir(staging)).toEqual(['fresh.partial']);
  });
});
