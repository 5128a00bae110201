import { InputError } from '@backstage/errors';

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

function segmentPattern(segment: string): string {
  return segment
    .split(/([*?])/)
    .map(part => {
      if (part === '*') {
        return '[^/]*';
      }
      if (part === '?') {
        return '[^/]';
      }
      return escapeRegExp(part);
    })
    .join('');
}

/**
 * Turns a glob relative to a workspace into a regular expression over
 * `/`-separated relative paths: `*` and `?` stay within one folder level,
 * `**` spans any number of levels.
 *
 * @throws InputError for absolute globs and globs that climb out with `..`.
 */
export function compileGlob(glob: string): RegExp {
  const normalized = glob
    .trim()
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  const segments = normalized.split('/');
  if (
    normalized.length === 0 ||
    glob.trim().startsWith('/') ||
    segments.includes('..') ||
    normalized.includes('\0')
  ) {
    throw new InputError(
      `Glob '${glob}' must be a relative path inside the workspace`,
    );
  }

  let pattern = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      pattern += last ? '.*' : '(?:[^/]+/)*';
    } else if (segment !== '' && segment !== '.') {
      pattern += segmentPattern(segment) + (last ? '' : '/');
    }
  });
  return new RegExp(`^${pattern}$`);
}
