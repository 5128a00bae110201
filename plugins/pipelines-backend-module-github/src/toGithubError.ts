import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { status?: number; headers?: Record<string, string | undefined> };
}

/** HTTP status of an octokit error; undefined when GitHub never answered. */
export function githubStatusOf(error: unknown): number | undefined {
  const e = error as OctokitLikeError | undefined;
  return e?.response?.status;
}

/**
 * Maps an octokit failure to the errors the pipelines backend understands:
 * no answer, 5xx and rate limits become `ServiceUnavailableError` (the
 * backend shows the message and retries), 404 `NotFoundError`, 401/403
 * `NotAllowedError`; anything else keeps GitHub's status in the message.
 *
 * @param what - What was asked for, such as `Workflow run "12" of "acme/shop"`.
 */
export function toGithubError(error: unknown, what: string): Error {
  const e = error as OctokitLikeError | undefined;
  if (typeof e?.status !== 'number') {
    // Not an octokit request error: our own validation, or a bug.
    return error instanceof Error ? error : new Error(String(error));
  }
  const status = githubStatusOf(error);
  const detail = e?.message ? `: ${e.message}` : '';

  if (status === undefined) {
    return new ServiceUnavailableError(
      `GitHub is not answering (${e?.message ?? 'no response'})`,
    );
  }
  const headers = e?.response?.headers ?? {};
  if (
    status === 429 ||
    (status === 403 && headers['x-ratelimit-remaining'] === '0')
  ) {
    return new ServiceUnavailableError(
      `GitHub is not answering (status ${status}, rate limit reached)`,
    );
  }
  if (status >= 500) {
    return new ServiceUnavailableError(
      `GitHub is not answering (status ${status})`,
    );
  }
  if (status === 404) {
    return new NotFoundError(`${what} is not on GitHub`);
  }
  if (status === 401 || status === 403) {
    return new NotAllowedError(
      `GitHub refused access to ${what} (status ${status}${detail})`,
    );
  }
  return new Error(`GitHub refused ${what} (status ${status}${detail})`);
}
