import { InputError } from '@backstage/errors';
import { Headers, RequestInit } from 'undici';

/** Headers that describe a request body, dropped when the body is. */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/** Headers that carry credentials, never sent to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

function isStream(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (Symbol.asyncIterator in body || 'getReader' in body)
  );
}

/**
 * The request to send after a redirect with `status` from `from` to `to`,
 * as browsers do it: 303 (and 301/302 after a POST) become a GET without
 * body, and credentials stay with the origin that was given them.
 */
export function redirectedRequest(
  request: RequestInit,
  status: number,
  from: URL,
  to: URL,
): RequestInit {
  const headers = new Headers(request.headers);
  const method = (request.method ?? 'GET').toUpperCase();
  let next: RequestInit = { ...request, headers };

  const toGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  if (toGet) {
    next = { ...next, method: 'GET', body: undefined };
    BODY_HEADERS.forEach(name => headers.delete(name));
  } else if (isStream(request.body)) {
    throw new InputError(
      `Cannot follow the redirect from "${from.host}": the request body is a stream and cannot be sent twice`,
    );
  }

  if (to.origin !== from.origin) {
    CREDENTIAL_HEADERS.forEach(name => headers.delete(name));
  }
  return next;
}
