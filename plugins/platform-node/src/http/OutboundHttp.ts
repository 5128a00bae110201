import type { RequestInit, Response } from 'undici';

/**
 * Options of an outbound request: those of `fetch`, without `redirect` and
 * `dispatcher`, which the service controls, plus a timeout.
 *
 * @public
 */
export type OutboundRequestInit = Omit<
  RequestInit,
  'redirect' | 'dispatcher'
> & {
  /**
   * Milliseconds before the request, its redirects and the reading of the
   * response body are aborted. Default: `golive.http.timeoutMs`.
   */
  timeoutMs?: number;
};

/**
 * Makes HTTP requests from the backend to other systems (Jenkins, Jira,
 * OpenAI-compatible endpoints, health probes) within the limits set by
 * `golive.http`.
 *
 * @remarks
 *
 * Only `http:` and `https:` URLs on the allow-list `golive.http.allowedHosts`
 * are reached; others fail with `NotAllowedError` (or `InputError` for other
 * schemes). Private, loopback, link-local and other non-public addresses are
 * refused unless their host is listed exactly. Redirects are followed (at
 * most 5) under the same rules. A request that exceeds its timeout fails with
 * `ServiceUnavailableError` naming the host and the timeout.
 *
 * The response is that of the `undici` package; build `FormData` bodies with
 * its `FormData`.
 *
 * @public
 */
export interface OutboundHttp {
  /** Sends a request, as the global `fetch` does. */
  fetch(url: string | URL, init?: OutboundRequestInit): Promise<Response>;
}
