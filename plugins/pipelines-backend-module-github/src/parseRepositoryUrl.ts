import { InputError } from '@backstage/errors';

/** A repository on a GitHub host, as taken apart from its web address. */
export interface GithubRepositoryLocation {
  host: string;
  owner: string;
  repo: string;
  /** `owner/repo`, as `github.com/project-slug` carries it. */
  slug: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Takes `https://<host>/<owner>/<repo>` (with or without `.git`, a trailing
 * slash or deeper path such as `/tree/main`) apart.
 *
 * @throws InputError when the address is not an HTTP(S) repository address.
 */
export function parseRepositoryUrl(url: string): GithubRepositoryLocation {
  const location = tryParseRepositoryUrl(url);
  if (!location) {
    throw new InputError(
      `Repository URL '${url}' is not a GitHub repository address such as https://github.com/owner/repo`,
    );
  }
  return location;
}

/** Like {@link parseRepositoryUrl}, but undefined instead of throwing. */
export function tryParseRepositoryUrl(
  url: string,
): GithubRepositoryLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return undefined;
  }
  const [owner, rawRepo] = parsed.pathname.split('/').filter(Boolean);
  const repo = rawRepo?.replace(/\.git$/, '');
  if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo)) {
    return undefined;
  }
  return { host: parsed.host, owner, repo, slug: `${owner}/${repo}` };
}

/**
 * Checks a `github.com/project-slug` value: exactly `owner/repo`.
 *
 * @throws InputError naming the annotation when it is malformed.
 */
export function parseSlug(slug: string): { owner: string; repo: string } {
  const parts = slug.trim().split('/');
  if (parts.length !== 2 || !parts.every(part => NAME.test(part))) {
    throw new InputError(
      `GitHub project slug '${slug}' is not of the form owner/repo`,
    );
  }
  return { owner: parts[0], repo: parts[1] };
}
