import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { OutboundHttp } from '@golive/platform-node';
import { JenkinsInstanceConfig } from '../config/JenkinsInstanceConfig';

/** A response of the outbound HTTP client. */
export type JenkinsResponse = Awaited<ReturnType<OutboundHttp['fetch']>>;

/** A request to a Jenkins path. */
export interface JenkinsRequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** Answer undefined on 404 instead of throwing. */
  allowNotFound?: boolean;
}

/**
 * Requests to one Jenkins instance with basic auth (user and API token)
 * over the backend's outbound HTTP client, and Jenkins' answers turned into
 * `@backstage/errors`: connection failures, timeouts and 5xx are
 * `ServiceUnavailableError` (`Jenkins "<name>" is not answering`), 401 and
 * 403 are `NotAllowedError` naming the credentials, 404 is `NotFoundError`
 * unless allowed.
 */
export class JenkinsHttp {
  readonly #instance: JenkinsInstanceConfig;
  readonly #http: OutboundHttp;
  readonly #timeoutMs?: number;
  readonly #logger: LoggerService;

  static create(options: {
    instance: JenkinsInstanceConfig;
    http: OutboundHttp;
    logger: LoggerService;
    /** Per-request timeout; default: that of the outbound HTTP client. */
    timeoutMs?: number;
  }): JenkinsHttp {
    return new JenkinsHttp(options);
  }

  private constructor(options: {
    instance: JenkinsInstanceConfig;
    http: OutboundHttp;
    logger: LoggerService;
    timeoutMs?: number;
  }) {
    this.#instance = options.instance;
    this.#http = options.http;
    this.#timeoutMs = options.timeoutMs;
    this.#logger = options.logger;
  }

  /** GETs (or sends) and parses JSON; undefined on an allowed 404. */
  async json<T>(
    path: string,
    options: JenkinsRequestOptions = {},
  ): Promise<T | undefined> {
    const response = await this.request(path, options);
    if (!response) {
      return undefined;
    }
    return this.parse<T>(await this.readText(response), path);
  }

  /** Sends a request; undefined on an allowed 404, errors otherwise. */
  async request(
    path: string,
    options: JenkinsRequestOptions,
  ): Promise<JenkinsResponse | undefined> {
    const { baseUrl, username, apiKey } = this.#instance;
    const query = options.query
      ? `?${new URLSearchParams(options.query).toString()}`
      : '';
    const auth = Buffer.from(`${username}:${apiKey}`).toString('base64');

    let response: JenkinsResponse;
    try {
      response = await this.#http.fetch(`${baseUrl}${path}${query}`, {
        method: options.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...options.headers,
          authorization: `Basic ${auth}`,
        },
        body: options.body,
        timeoutMs: this.#timeoutMs,
      });
    } catch (error) {
      // A host missing from the allow-list is a config problem, not an outage
      if (NotAllowedError.is(error) || InputError.is(error)) {
        throw error;
      }
      const reason = (error as { cause?: unknown })?.cause ?? error;
      throw this.#notAnswering(path, String(reason));
    }

    if (response.ok) {
      return response;
    }
    const detail = (await response.text().catch(() => '')).slice(0, 2000);
    if (response.status === 404 && options.allowNotFound) {
      return undefined;
    }
    throw this.#errorFor(response.status, path, detail);
  }

  #errorFor(status: number, path: string, detail: string): Error {
    const { name, username } = this.#instance;
    if (status >= 500) {
      return this.#notAnswering(
        path,
        `HTTP ${status}: ${detail.slice(0, 200)}`,
      );
    }
    if (status === 401) {
      return new NotAllowedError(
        `Jenkins "${name}" refused the credentials of user "${username}" (HTTP 401); check its username and apiKey in the jenkins config`,
      );
    }
    if (status === 403 && /No valid crumb/i.test(detail)) {
      return new NotAllowedError(
        this.#instance.crumbIssuer
          ? `Jenkins "${name}" refused the CSRF crumb of user "${username}" (HTTP 403)`
          : `Jenkins "${name}" wants a CSRF crumb (HTTP 403); set crumbIssuer to true for it in the jenkins config`,
      );
    }
    if (status === 403) {
      return new NotAllowedError(
        `Jenkins "${name}" denied user "${username}" access to ${path} (HTTP 403); the user needs Overall/Read, Job/Read and Job/Build`,
      );
    }
    if (status === 404) {
      return new NotFoundError(`Jenkins "${name}" has no ${path}`);
    }
    const message = `Jenkins "${name}" refused ${path} (HTTP ${status})`;
    return status === 400
      ? new InputError(`${message}: ${detail.slice(0, 200)}`)
      : new Error(message);
  }

  /** Reads a body; a connection lost meanwhile is an outage. */
  async readText(response: JenkinsResponse): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw this.#notAnswering('a response body', String(error));
    }
  }

  /**
   * The outage error, with the exact message the pipelines page shows;
   * the reason goes to the log, not into the message.
   */
  #notAnswering(path: string, reason: string): ServiceUnavailableError {
    this.#logger.warn('Jenkins is not answering', {
      instance: this.#instance.name,
      path,
      reason,
    });
    return new ServiceUnavailableError(
      `Jenkins "${this.#instance.name}" is not answering`,
    );
  }

  /** Parses JSON, or throws an error naming `what` was asked for. */
  parse<T>(text: string, what: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.unexpected(what);
    }
  }

  /** The error for an answer that is not what Jenkins documents. */
  unexpected(what: string): Error {
    return new Error(
      `Jenkins "${
        this.#instance.name
      }" answered with an unexpected body for ${what}`,
    );
  }
}
