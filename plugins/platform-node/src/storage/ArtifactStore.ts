import { Readable } from 'node:stream';

/**
 * What the artifact store knows about one stored artifact.
 *
 * @public
 */
export interface ArtifactInfo {
  /** Name of the artifact, for example `runs/r1/jobs/j1/report.xml`. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** When the artifact was last written. */
  lastModified: Date;
}

/**
 * Stores the files that runs produce: build outputs, test reports, logs.
 *
 * @remarks
 *
 * Names are relative paths made of ids chosen by GoLive, such as
 * `runs/<runId>/jobs/<jobId>/report.xml`. Names with `..` or `.` segments,
 * empty segments, backslashes, NUL bytes or a leading `/` are refused with an
 * `InputError`. Writes are atomic: readers see either the previous content
 * or the new content, never a partial file.
 *
 * @public
 */
export interface ArtifactStore {
  /**
   * Stores an artifact, replacing any previous content under the same name.
   * A failed stream leaves the previous content in place.
   */
  put(name: string, content: Buffer | Readable): Promise<ArtifactInfo>;

  /**
   * Opens an artifact for reading. Throws `NotFoundError` when it is missing.
   */
  get(name: string): Promise<Readable>;

  /** Describes an artifact, or returns `undefined` when it is missing. */
  stat(name: string): Promise<ArtifactInfo | undefined>;

  /** Tells whether an artifact exists. */
  exists(name: string): Promise<boolean>;

  /**
   * Lists the artifacts whose names start with `prefix`, sorted by name.
   * `runs/r1/` lists everything under that folder, `runs/r1/jobs/j` every
   * job folder starting with `j`, and an empty prefix lists everything.
   */
  list(prefix?: string): Promise<ArtifactInfo[]>;

  /** Deletes an artifact. Returns `false` when there was nothing to delete. */
  delete(name: string): Promise<boolean>;
}
