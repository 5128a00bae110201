import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  Agent,
  FormData,
  Headers,
  RequestInit,
  Response,
  fetch as undiciFetch,
} from 'undici';
import { HostAllowList } from './HostAllowList';
import { OutboundHttp, OutboundRequestInit } from './OutboundHttp';
import {
  HostResolver,
  createGuardedLookup,
  systemResolver,
} from './createGuardedLookup';
import { redirectedRequest } from './redirectedRequest';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function parseUrl(input: string | URL): URL {
  try {
    return new URL(input);
  } catch {
    throw new InputError(`Invalid URL for an outbound request: "${input}"`);
  }
}

/** A `FormData` of the global `fetch` is converted to that of `undici`. */
function toBody(body: RequestInit['body']): RequestInit['body'] {
  if (
    body instanceof globalThis.FormData &&
    !((body as unknown) instanceof FormData)
  ) {
    const form = new FormData();
    for (const [name, value] of body as globalThis.FormData) {
      form.append(name, value);
    }
    return form;
  }
  return body;
}

/** The error that says why `fetch` failed, unwrapped from undici's. */
function unwrapFetchError(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return NotAllowedError.is(cause) ? cause : error;
}

/**
 * An {@link OutboundHttp} that checks every request and every redirect hop
 * against an allow-list of hosts, with a timeout.
 *
 * @remarks
 *
 * Hosts listed exactly may have any address. Hosts that only a wildcard
 * allows must resolve, at connection time, to public addresses only; this
 * stops a name under an allowed domain from pointing at internal services.
 * Call {@link AllowListOutboundHttp.close} to release pooled connections.
 *
 * @public
 */
export class AllowListOutboundHttp implements OutboundHttp {
  readonly #allowList: HostAllowList;
  readonly #timeoutMs: number;
  readonly #explicitAgent: Agent;
  readonly #publicOnlyAgent: Agent;
  readonly #logger?: LoggerService;

  /**
   * Creates the client from `golive.http.allowedHosts` (default: none) and
   * `golive.http.timeoutMs` (default: 10000).
   */
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService; resolveHost?: HostResolver },
  ): AllowListOutboundHttp {
    const timeoutMs =
      config.getOptionalNumber('golive.http.timeoutMs') ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new Error('golive.http.timeoutMs must be a positive number');
    }

    return AllowListOutboundHttp.create({
      allowedHosts:
        config.getOptionalStringArray('golive.http.allowedHosts') ?? [],
      timeoutMs,
      resolveHost: deps.resolveHost,
      logger: deps.logger.child({ component: 'outbound-http' }),
    });
  }

  /**
   * Creates the client. `resolveHost` replaces the system resolver, for
   * tests.
   */
  static create(options: {
    allowedHosts: readonly string[];
    timeoutMs?: number;
    resolveHost?: HostResolver;
    logger?: LoggerService;
  }): AllowListOutboundHttp {
    return new AllowListOutboundHttp(
      HostAllowList.create(options.allowedHosts),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.resolveHost ?? systemResolver,
      options.logger,
    );
  }

  private constructor(
    allowList: HostAllowList,
    timeoutMs: number,
    resolveHost: HostResolver,
    logger: LoggerService | undefined,
  ) {
    this.#allowList = allowList;
    this.#timeoutMs = timeoutMs;
    this.#logger = logger;
    this.#explicitAgent = new Agent({
      connect: {
        lookup: createGuardedLookup(resolveHost, { publicOnly: false }),
      },
    });
    this.#publicOnlyAgent = new Agent({
      connect: {
        lookup: createGuardedLookup(resolveHost, { publicOnly: true }),
      },
    });
  }

  async fetch(
    input: string | URL,
    init: OutboundRequestInit = {},
  ): Promise<Response> {
    const { timeoutMs = this.#timeoutMs, signal, ...rest } = init;
    let url = parseUrl(input);
    let request: RequestInit = {
      ...rest,
      headers: new Headers(rest.headers),
      body: toBody(rest.body),
      redirect: 'manual',
    };

    // The timer is left running once headers arrive so that it also bounds
    // the reading of the body; unref() keeps it from holding the process.
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort(
        new ServiceUnavailableError(
          `Request to "${url.host}" timed out after ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    timer.unref();
    request.signal = signal
      ? AbortSignal.any([signal, timeout.signal])
      : timeout.signal;

    try {
      for (let redirects = 0; ; redirects++) {
        const dispatcher = this.#dispatcherFor(url);
        const response = await undiciFetch(url, { ...request, dispatcher });
        const location = response.headers.get('location');
        if (!REDIRECT_STATUSES.has(response.status) || location === null) {
          return response;
        }

        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS) {
          throw new ServiceUnavailableError(
            `Request to "${url.host}" was redirected more than ${MAX_REDIRECTS} times`,
          );
        }
        const next = new URL(location, url);
        request = redirectedRequest(request, response.status, url, next);
        url = next;
      }
    } catch (error) {
      clearTimeout(timer);
      const reason = unwrapFetchError(error);
      if (NotAllowedError.is(reason)) {
        this.#logger?.warn('Outbound request refused', {
          host: url.host,
          reason: reason.message,
        });
      }
      throw reason;
    }
  }

  /** Closes the pooled connections. */
  async close(): Promise<void> {
    await Promise.all([
      this.#explicitAgent.close(),
      this.#publicOnlyAgent.close(),
    ]);
  }

  #dispatcherFor(url: URL): Agent {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InputError(
        `Outbound requests must use http: or https:, not "${url.protocol}"`,
      );
    }

    const match = this.#allowList.match(url);
    if (!match) {
      throw new NotAllowedError(
        `Outbound request to "${url.host}" refused: the host is not in golive.http.allowedHosts`,
      );
    }
    return match === 'explicit' ? this.#explicitAgent : this.#publicOnlyAgent;
  }
}
