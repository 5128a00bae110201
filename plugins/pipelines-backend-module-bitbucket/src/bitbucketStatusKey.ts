import { createHash } from 'node:crypto';

/**
 * The `key` of a Bitbucket build status for a GoLive status context.
 * Bitbucket keeps one status per key and commit and limits keys to 40
 * characters, while contexts can be longer; a short hash of the context is
 * stable across posts and fits.
 */
export function bitbucketStatusKey(context: string): string {
  const hash = createHash('sha256').update(context, 'utf8').digest('hex');
  return `golive-${hash.slice(0, 20)}`;
}
