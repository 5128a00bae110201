import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { toGithubError } from './toGithubError';

/** An error as octokit's request layer throws it for an HTTP answer. */
function answered(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error('Upstream message'), {
    name: 'HttpError',
    status,
    response: { status, headers, data: {} },
  });
}

describe('toGithubError', () => {
  it('reports a rate limit as GitHub not answering', () => {
    for (const error of [
      answered(429),
      answered(403, { 'x-ratelimit-remaining': '0' }),
    ]) {
      const mapped = toGithubError(error, 'Workflow runs');
      expect(mapped).toBeInstanceOf(ServiceUnavailableError);
      expect(mapped.message).toMatch(/rate limit reached/);
    }
  });

  it('reports a request that never got an answer as GitHub not answering', () => {
    const refused = Object.assign(new Error('fetch failed'), {
      name: 'HttpError',
      status: 500,
    });
    expect(toGithubError(refused, 'Workflow runs')).toEqual(
      new ServiceUnavailableError('GitHub is not answering (fetch failed)'),
    );
  });

  it('maps 404, 403 and other refusals with the status in the message', () => {
    expect(toGithubError(answered(404), "Run '1'")).toEqual(
      new NotFoundError("Run '1' is not on GitHub"),
    );
    expect(toGithubError(answered(403), "Run '1'")).toEqual(
      new NotAllowedError(
        "GitHub refused access to Run '1' (status 403: Upstream message)",
      ),
    );
    expect(toGithubError(answered(422), "Run '1'").message).toBe(
      "GitHub refused Run '1' (status 422: Upstream message)",
    );
  });

  it('passes errors of its own through unchanged', () => {
    const own = new InputError('Cursor is bad');
    expect(toGithubError(own, 'Workflow runs')).toBe(own);
  });
});
