import { InputError } from '@backstage/errors';

/**
 * Top-level folder of the store that holds writes in progress. Artifact
 * names may not use it.
 */
export const STAGING_FOLDER = '.golive-staging';

function checkCharacters(kind: string, value: string): void {
  const quoted = JSON.stringify(value);
  if (value.includes('\0')) {
    throw new InputError(`Artifact ${kind} ${quoted} contains a NUL byte`);
  }
  if (value.includes('\\')) {
    throw new InputError(`Artifact ${kind} ${quoted} contains a backslash`);
  }
  if (value.startsWith('/')) {
    throw new InputError(`Artifact ${kind} ${quoted} is an absolute path`);
  }
}

function checkSegment(kind: string, value: string, segment: string): void {
  const quoted = JSON.stringify(value);
  if (segment === '') {
    throw new InputError(`Artifact ${kind} ${quoted} has an empty segment`);
  }
  if (segment === '.' || segment === '..') {
    throw new InputError(
      `Artifact ${kind} ${quoted} has a "${segment}" segment`,
    );
  }
}

/**
 * Checks an artifact name and splits it into its segments.
 *
 * @remarks
 *
 * Throws `InputError` naming the problem for an empty name, NUL bytes,
 * backslashes, a leading `/`, empty segments, `.` or `..` segments, and names
 * inside the staging folder. Whether the name stays inside the store once
 * symlinks are resolved is checked by the store itself.
 */
export function parseArtifactName(name: string): string[] {
  if (typeof name !== 'string' || name === '') {
    throw new InputError('Artifact name must not be empty');
  }
  checkCharacters('name', name);

  const segments = name.split('/');
  for (const segment of segments) {
    checkSegment('name', name, segment);
  }
  if (segments[0] === STAGING_FOLDER) {
    throw new InputError(
      `Artifact name ${JSON.stringify(
        name,
      )} is inside the reserved folder "${STAGING_FOLDER}"`,
    );
  }
  return segments;
}

/**
 * Checks a listing prefix and splits it into the folder to walk and the start
 * of the names inside that folder.
 *
 * @remarks
 *
 * `runs/r1/` gives folder `['runs', 'r1']` and partial `''`; `runs/r` gives
 * folder `['runs']` and partial `r`. The empty prefix lists the whole store.
 */
export function parseArtifactPrefix(prefix: string): {
  folder: string[];
  partial: string;
} {
  if (prefix === '') {
    return { folder: [], partial: '' };
  }
  checkCharacters('prefix', prefix);

  const segments = prefix.split('/');
  const partial = segments.pop()!;
  for (const segment of segments) {
    checkSegment('prefix', prefix, segment);
  }
  if (partial === '.' || partial === '..') {
    checkSegment('prefix', prefix, partial);
  }
  return { folder: segments, partial };
}
