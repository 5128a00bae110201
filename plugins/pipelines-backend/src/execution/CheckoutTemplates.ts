import { constants } from 'node:fs';
import {
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

type Manifest = {
  directories: string[];
  /** Files with their modes; with their contents when the tree is small. */
  files: Array<{ path: string; mode: number; content?: Buffer }>;
  links: Array<{ path: string; target: string }>;
};

type Template = {
  directory: string;
  ready: Promise<Manifest>;
  users: number;
  evicted: boolean;
};

/** Trees up to this many files, and this many bytes, stay in memory. */
const MEMORY_FILES = 256;
const MEMORY_BYTES = 2 * 1024 * 1024;

/** Files copied at once in a larger tree. */
const PARALLEL_COPIES = 32;

/** Lists a finished checkout once; a template never changes afterwards. */
async function scan(root: string): Promise<Manifest> {
  const manifest: Manifest = { directories: [], files: [], links: [] };
  let bytes = 0;
  const visit = async (relativeDir: string) => {
    const entries = await readdir(join(root, relativeDir), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const path = relativeDir ? join(relativeDir, entry.name) : entry.name;
      if (entry.isDirectory()) {
        manifest.directories.push(path);
        await visit(path);
      } else if (entry.isSymbolicLink()) {
        manifest.links.push({
          path,
          target: await readlink(join(root, path)),
        });
      } else if (entry.isFile()) {
        const stats = await lstat(join(root, path));
        bytes += stats.size;
        manifest.files.push({ path, mode: stats.mode & 0o777 });
      }
    }
  };
  await visit('');
  if (manifest.files.length <= MEMORY_FILES && bytes <= MEMORY_BYTES) {
    for (const file of manifest.files) {
      file.content = await readFile(join(root, file.path));
    }
  }
  return manifest;
}

/**
 * Copies a template by its manifest: the deepest folders (with their
 * parents), then the files with their modes, then symbolic links as they
 * are. A small tree is written from memory, every file at once; a large
 * one is copied a batch of files at a time (cloned where the file system
 * can). All of it runs in the thread pool, so that the event loop, which
 * a busy worker needs for everything else, only hands out the work.
 */
async function copyTree(from: string, to: string, manifest: Manifest) {
  const leaves = manifest.directories.filter(
    directory =>
      !manifest.directories.some(other => other.startsWith(`${directory}/`)),
  );
  await mkdir(to, { recursive: true });
  await Promise.all(
    leaves.map(directory => mkdir(join(to, directory), { recursive: true })),
  );
  if (manifest.files.every(file => file.content)) {
    await Promise.all(
      manifest.files.map(file =>
        writeFile(join(to, file.path), file.content!, { mode: file.mode }),
      ),
    );
  } else {
    const mode = constants.COPYFILE_FICLONE;
    for (let i = 0; i < manifest.files.length; i += PARALLEL_COPIES) {
      await Promise.all(
        manifest.files
          .slice(i, i + PARALLEL_COPIES)
          .map(file =>
            copyFile(join(from, file.path), join(to, file.path), mode),
          ),
      );
    }
  }
  await Promise.all(
    manifest.links.map(link => symlink(link.target, join(to, link.path))),
  );
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Finished checkouts of recent commits, copied into new workspaces.
 *
 * @remarks
 *
 * Starting a process costs a large backend 10-15 ms of its event loop (the
 * fork copies its page tables), as much as the step it runs; writing a
 * checkout out of a list of its files taken once, in the thread pool,
 * costs the event loop a fraction of that
 * (`fs.cp`, which examines every entry again, took 20-30 ms for a small
 * tree on a busy machine). Each instance keeps its checkouts in a folder named
 * after its process and removes them when they drop out of the most recent
 * `capacity`; folders of processes that ended are removed at start.
 */
export class CheckoutTemplates {
  readonly #folder: string;
  readonly #capacity: number;
  readonly #templates = new Map<string, Template>();
  #cleanup: Promise<void> | undefined;
  readonly #parent: string;

  constructor(parent: string, capacity: number) {
    this.#parent = parent;
    this.#folder = join(
      parent,
      `${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    this.#capacity = capacity;
  }

  /**
   * Copies the checkout known by `key` into `directory`, which must not
   * exist; `build` writes the checkout into an empty folder the first time.
   */
  async copyTo(
    key: string,
    directory: string,
    build: (directory: string) => Promise<void>,
  ): Promise<void> {
    const template = this.#take(key, build);
    try {
      await copyTree(template.directory, directory, await template.ready);
    } finally {
      template.users -= 1;
      await this.#removeIfUnused(template);
    }
  }

  #take(key: string, build: (directory: string) => Promise<void>) {
    let template = this.#templates.get(key);
    if (template) {
      // most recently used last
      this.#templates.delete(key);
    } else {
      const directory = join(this.#folder, randomBytes(8).toString('hex'));
      template = {
        directory,
        users: 0,
        evicted: false,
        ready: this.#startOnce()
          .then(() => mkdir(directory, { recursive: true }))
          .then(() => build(directory))
          .then(() => scan(directory)),
      };
      const created = template;
      created.ready.catch(() => {
        if (this.#templates.get(key) === created) this.#templates.delete(key);
        created.evicted = true;
      });
    }
    this.#templates.set(key, template);
    template.users += 1;

    for (const [oldestKey, oldest] of this.#templates) {
      if (this.#templates.size <= this.#capacity) break;
      this.#templates.delete(oldestKey);
      oldest.evicted = true;
      void this.#removeIfUnused(oldest);
    }
    return template;
  }

  async #removeIfUnused(template: Template) {
    if (template.evicted && template.users === 0) {
      await rm(template.directory, { recursive: true, force: true });
    }
  }

  /** Removes the folders of processes that no longer run, once. */
  #startOnce() {
    this.#cleanup ??= readdir(this.#parent)
      .catch(() => [] as string[])
      .then(async names => {
        for (const name of names) {
          const pid = Number(name.split('-')[0]);
          if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
            await rm(join(this.#parent, name), {
              recursive: true,
              force: true,
            });
          }
        }
      });
    return this.#cleanup;
  }
}
