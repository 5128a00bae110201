/**
 * Contents of files at commits, newest kept within a byte budget. A file at
 * a commit never changes, so an entry never goes stale; an absent file is
 * remembered too.
 */
export class FileContentCache {
  readonly #entries = new Map<string, Buffer | null>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  static key(repository: string, sha: string, path: string) {
    return `${repository}\0${sha}\0${path}`;
  }

  /** The content, null for an absent file, undefined when not cached. */
  get(key: string): Buffer | null | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      // most recently used last, so eviction takes the least recent
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, content: Buffer | null) {
    const size = content?.length ?? 0;
    if (size > this.#maxBytes) return;
    this.#remove(key);
    this.#entries.set(key, content);
    this.#bytes += size;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string) {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#bytes -= entry?.length ?? 0;
    this.#entries.delete(key);
  }
}
