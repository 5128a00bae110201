import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';

/** Most characters of a refusal's body quoted in an error message. */
const MAX_DETAIL = 300;

/**
 * Calls a git host's REST API and turns refusals into errors that name
 * the host, the request and the status: `NotFoundError` for 404,
 * `ServiceUnavailableError` for 429, 5xx, timeouts and network failures
 * (worth retrying), a plain `Error` otherwise. Statuses listed in `allow`
 * are returned instead of thrown, and so are refusals that `tolerate`
 * accepts given the host's message.
 *
 * @public
 */
export async function requestHost(options: {
  hostName: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  json?: unknown;
  timeoutMs: number;
  allow?: number[];
  tolerate?: (status: number, detail: string) => boolean;
}): Promise<Response> {
  const method = options.method ?? 'GET';
  const { pathname } = new URL(options.url);
  const request = `${method} ${pathname}`;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...options.headers,
  };
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(options.url, {
      method,
      headers,
      body:
        options.json === undefined ? undefined : JSON.stringify(options.json),
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new ServiceUnavailableError(
      `${options.hostName} did not answer ${request}: ${describeCause(error)}`,
    );
  }
  if (response.ok || options.allow?.includes(response.status)) {
    return response;
  }

  const detail = await refusalDetail(response);
  if (options.tolerate?.(response.status, detail)) {
    return response;
  }
  const message = `${options.hostName} answered ${
    response.status
  } to ${request}${detail ? `: ${detail}` : ''}`;
  if (response.status === 404) {
    throw new NotFoundError(message);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new ServiceUnavailableError(message);
  }
  throw new Error(message);
}

/**
 * Reads a body as UTF-8 text, stopping as soon as it passes `maxBytes`.
 *
 * @returns undefined when the body is larger than `maxBytes`.
 *
 * @public
 */
export async function readTextUpTo(
  response: Response,
  maxBytes: number,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) {
    return '';
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The host's own words about a refusal: a JSON message or the text. */
async function refusalDetail(response: Response): Promise<string> {
  const text = (await readTextUpTo(response, 64 * 1024).catch(() => '')) ?? '';
  let detail = text;
  try {
    const body = JSON.parse(text);
    const message = body?.message ?? body?.error?.message ?? body?.error;
    if (message !== undefined) {
      detail = typeof message === 'string' ? message : JSON.stringify(message);
    }
  } catch {
    // Not JSON: quote the text as it is.
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  return detail.length > MAX_DETAIL
    ? `${detail.slice(0, MAX_DETAIL)}...`
    : detail;
}

function describeCause(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return 'timed out';
  }
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.code ?? cause?.message ?? String(error);
}
