import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError, isError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import {
  constants,
  lstat,
  mkdir,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
} from 'node:fs/promises';
import { Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ArtifactInfo, ArtifactStore } from './ArtifactStore';
import {
  STAGING_FOLDER,
  parseArtifactName,
  parseArtifactPrefix,
} from './parseArtifactName';
import { removeStaleFiles } from './removeStaleFiles';
import { resolveDataDirectory } from './resolveDataDirectory';

/** Writes older than this are taken as left behind by a crash. */
const STALE_STAGING_MS = 60 * 60 * 1000;

function hasCode(error: unknown, ...codes: string[]): boolean {
  return isError(error) && codes.includes((error as { code?: string }).code!);
}

function toInfo(name: string, stats: Stats): ArtifactInfo {
  return { name, size: stats.size, lastModified: new Date(stats.mtimeMs) };
}

/**
 * An {@link ArtifactStore} in a folder of the local file system.
 *
 * @remarks
 *
 * Every path is checked against the real location of the store's folder
 * after symlinks are resolved, so a symlink inside the store that points
 * elsewhere is never followed, neither for reads nor for writes. Writes go to
 * a staging file that is renamed into place once complete and flushed.
 *
 * @public
 */
export class LocalArtifactStore implements ArtifactStore {
  readonly #root: string;
  readonly #staging: string;

  /**
   * Creates a store in the folder `golive.artifacts.directory`, by default
   * `artifacts` inside `golive.dataDirectory`.
   */
  static async fromConfig(
    config: Config,
    deps: { logger: LoggerService },
  ): Promise<LocalArtifactStore> {
    const directory =
      config.getOptionalString('golive.artifacts.directory') ??
      join(resolveDataDirectory(config), 'artifacts');
    const store = await LocalArtifactStore.create({ directory });

    deps.logger
      .child({ component: 'artifact-store' })
      .info('Local artifact store ready', { directory: store.#root });
    return store;
  }

  /**
   * Creates a store in `directory` (made absolute from the working
   * directory), creating the folder when it is missing.
   */
  static async create(options: {
    directory: string;
  }): Promise<LocalArtifactStore> {
    const directory = resolve(options.directory);
    await mkdir(join(directory, STAGING_FOLDER), { recursive: true });

    const root = await realpath(directory);
    await removeStaleFiles(join(root, STAGING_FOLDER), STALE_STAGING_MS);
    return new LocalArtifactStore(root);
  }

  private constructor(root: string) {
    this.#root = root;
    this.#staging = join(root, STAGING_FOLDER);
  }

  async put(name: string, content: Buffer | Readable): Promise<ArtifactInfo> {
    const segments = parseArtifactName(name);
    const parent = await this.#prepareParent(name, segments);
    const target = join(parent, segments[segments.length - 1]);
    const temporary = join(this.#staging, `${randomUUID()}.partial`);

    try {
      const handle = await open(temporary, 'wx', 0o644);
      try {
        if (Buffer.isBuffer(content)) {
          await handle.writeFile(content);
        } else {
          for await (const chunk of content) {
            await handle.write(chunk);
          }
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      // rename() replaces a symlink at the target rather than following it
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      if (hasCode(error, 'EISDIR', 'ENOTEMPTY', 'EEXIST')) {
        throw new InputError(
          `Artifact name ${JSON.stringify(
            name,
          )} is a folder of other artifacts`,
        );
      }
      throw error;
    }

    return toInfo(name, await stat(target));
  }

  async get(name: string): Promise<Readable> {
    const path = await this.#locate(name);
    const handle = path
      ? await open(path, constants.O_RDONLY | constants.O_NOFOLLOW).catch(
          error => {
            // ELOOP: the file was swapped for a symlink since #locate
            if (hasCode(error, 'ENOENT', 'ELOOP')) return undefined;
            throw error;
          },
        )
      : undefined;
    if (handle && (await handle.stat()).isFile()) {
      return handle.createReadStream();
    }

    await handle?.close();
    throw new NotFoundError(`Artifact ${JSON.stringify(name)} not found`);
  }

  async stat(name: string): Promise<ArtifactInfo | undefined> {
    const path = await this.#locate(name);
    const stats = path ? await stat(path).catch(() => undefined) : undefined;
    return stats?.isFile() ? toInfo(name, stats) : undefined;
  }

  async exists(name: string): Promise<boolean> {
    return (await this.stat(name)) !== undefined;
  }

  async list(prefix: string = ''): Promise<ArtifactInfo[]> {
    const { folder, partial } = parseArtifactPrefix(prefix);
    const start = await this.#realPath(join(this.#root, ...folder), prefix);
    if (!start) {
      return [];
    }

    const found: ArtifactInfo[] = [];
    const walk = async (path: string, names: string[]) => {
      // A prefix naming a file, or a folder deleted meanwhile, lists nothing
      const entries = await readdir(path, { withFileTypes: true }).catch(
        error => {
          if (hasCode(error, 'ENOENT', 'ENOTDIR')) return [];
          throw error;
        },
      );
      for (const entry of entries) {
        if (names.length === folder.length && !entry.name.startsWith(partial)) {
          continue;
        }
        if (names.length === 0 && entry.name === STAGING_FOLDER) {
          continue;
        }
        // Symlinks are neither listed nor walked into
        const entryPath = join(path, entry.name);
        if (entry.isDirectory()) {
          await walk(entryPath, [...names, entry.name]);
        } else if (entry.isFile()) {
          const stats = await stat(entryPath).catch(() => undefined);
          if (stats) {
            found.push(toInfo([...names, entry.name].join('/'), stats));
          }
        }
      }
    };
    await walk(start, folder);

    return found.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async delete(name: string): Promise<boolean> {
    const segments = parseArtifactName(name);
    const parent = await this.#realPath(
      join(this.#root, ...segments.slice(0, -1)),
      name,
    );
    const target = parent && join(parent, segments[segments.length - 1]);
    const stats = target
      ? await lstat(target).catch(() => undefined)
      : undefined;
    if (!target || !stats || stats.isDirectory()) {
      return false;
    }

    // unlink() removes a symlink itself, never what it points to
    await unlink(target);
    await this.#removeEmptyFolders(dirname(target));
    return true;
  }

  #isInside(path: string): boolean {
    const rel = relative(this.#root, path);
    return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  }

  #refuseOutside(path: string, name: string): void {
    if (!this.#isInside(path)) {
      throw new InputError(
        `Artifact name ${JSON.stringify(
          name,
        )} leads outside the artifact store`,
      );
    }
  }

  /**
   * The real path of an existing file or folder, checked to be inside the
   * store, or `undefined` when it does not exist.
   */
  async #realPath(path: string, name: string): Promise<string | undefined> {
    try {
      const real = await realpath(path);
      this.#refuseOutside(real, name);
      return real;
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR')) {
        return undefined;
      }
      throw error;
    }
  }

  async #locate(name: string): Promise<string | undefined> {
    const segments = parseArtifactName(name);
    return this.#realPath(join(this.#root, ...segments), name);
  }

  /** Creates the parent folders of an artifact and returns the real parent. */
  async #prepareParent(name: string, segments: string[]): Promise<string> {
    const parent = join(this.#root, ...segments.slice(0, -1));

    // mkdir() follows symlinks, so check the deepest existing folder first
    let existing = parent;
    while (!(await this.#realPath(existing, name))) {
      existing = dirname(existing);
    }
    try {
      await mkdir(parent, { recursive: true });
    } catch (error) {
      if (hasCode(error, 'EEXIST', 'ENOTDIR')) {
        throw new InputError(
          `Artifact name ${JSON.stringify(name)} passes through a file`,
        );
      }
      throw error;
    }

    const real = await this.#realPath(parent, name);
    if (!real) {
      throw new InputError(
        `Artifact name ${JSON.stringify(name)} passes through a file`,
      );
    }
    return real;
  }

  async #removeEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (current !== this.#root && this.#isInside(current)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty, or already gone
      }
      current = dirname(current);
    }
  }
}
