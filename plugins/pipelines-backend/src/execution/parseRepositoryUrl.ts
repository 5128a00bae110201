import { InputError } from '@backstage/errors';
import { isAbsolute, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a repository lives: a folder on this machine, or a server reached
 * through git's own transports.
 */
export interface RepositoryLocation {
  kind: 'local' | 'remote';
  /** What git is given: a folder path or the URL, credentials included. */
  source: string;
  /** The address for messages and logs, without credentials. */
  display: string;
  /** Replaces the credentials of the URL in a text with `***`. */
  scrub(text: string): string;
}

const REMOTE_PROTOCOLS = new Set(['https:', 'http:', 'ssh:']);

/**
 * Reads a repository address: an absolute folder path, a `file://` URL, or
 * an `https://`, `http://` or `ssh://` URL. Anything else, git's `ext::`
 * transport and option-like strings included, is refused.
 */
export function parseRepositoryUrl(repositoryUrl: string): RepositoryLocation {
  if (isAbsolute(repositoryUrl)) {
    const path = normalize(repositoryUrl);
    return { kind: 'local', source: path, display: path, scrub: t => t };
  }

  let url: URL;
  try {
    url = new URL(repositoryUrl);
  } catch {
    throw new InputError(
      'Repository address must be an absolute path or a file, https, http or ssh URL',
    );
  }
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url);
    return { kind: 'local', source: path, display: path, scrub: t => t };
  }
  if (!REMOTE_PROTOCOLS.has(url.protocol)) {
    throw new InputError(
      `Repository protocol '${url.protocol}' is not supported, use file, https, http or ssh`,
    );
  }

  const secrets = [url.password, url.username]
    .map(value => decodeURIComponent(value))
    .filter(value => value.length > 0);
  const anonymous = new URL(url.href);
  anonymous.username = '';
  anonymous.password = '';
  const scrub = (text: string) =>
    secrets.reduce(
      (result, secret) => result.split(secret).join('***'),
      text.split(url.href).join(anonymous.href),
    );
  return {
    kind: 'remote',
    source: url.href,
    display: anonymous.href,
    scrub,
  };
}
