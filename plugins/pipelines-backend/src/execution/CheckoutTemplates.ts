import { constants } from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

type Template = {
  directory: string;
  ready: Promise<void>;
  users: number;
  evicted: boolean;
};

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
 * fork copies its page tables), as much as the step it runs; copying a
 * checkout costs none. Each instance keeps its checkouts in a folder named
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
      await template.ready;
      await cp(template.directory, directory, {
        recursive: true,
        verbatimSymlinks: true,
        mode: constants.COPYFILE_FICLONE,
      });
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
          .then(() => build(directory)),
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
