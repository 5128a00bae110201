import { InputError } from '@backstage/errors';
import { posix } from 'node:path';

const SHA_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks a full commit sha (SHA-1 or SHA-256) and lower-cases it. */
export function parseSha(sha: string): string {
  const normalized = sha.toLowerCase();
  if (!SHA_PATTERN.test(normalized)) {
    throw new InputError(`Commit '${sha}' is not a full commit sha`);
  }
  return normalized;
}

/** The folder name of a job attempt's workspace. */
export function workspaceName(jobId: string, attempt: number): string {
  if (!JOB_ID_PATTERN.test(jobId)) {
    throw new InputError(`Job id '${jobId}' cannot name a workspace`);
  }
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new InputError(`Attempt ${attempt} is not a positive integer`);
  }
  return `${jobId}-${attempt}`;
}

/** Checks a path inside a commit's tree and normalizes it. */
export function parseTreePath(path: string): string {
  const normalized = posix.normalize(path).replace(/^(\.\/)+/, '');
  if (
    normalized.length === 0 ||
    normalized === '.' ||
    posix.isAbsolute(normalized) ||
    normalized.split('/').includes('..') ||
    normalized.includes('\0')
  ) {
    throw new InputError(
      `Path '${path}' is not a relative path in the repository`,
    );
  }
  return normalized;
}

/**
 * Checks a branch or tag name given by a user before it reaches git's
 * command line.
 */
export function parseRefName(ref: string): string {
  if (
    ref.length === 0 ||
    ref.length > 255 ||
    ref.startsWith('-') ||
    ref.startsWith('/') ||
    ref.endsWith('/') ||
    ref.endsWith('.lock') ||
    ref.includes('..') ||
    ref.includes('@{') ||
    /[~^:?*[\\]/.test(ref) ||
    // Control characters and space.
    [...ref].some(char => char.charCodeAt(0) <= 0x20 || char === '\u007f')
  ) {
    throw new InputError(`Ref '${ref}' is not a valid branch or tag name`);
  }
  return ref;
}
