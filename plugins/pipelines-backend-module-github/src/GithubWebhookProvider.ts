import { createHmac, timingSafeEqual } from 'node:crypto';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  PipelinesScmEvent,
  PipelinesWebhookProvider,
  PipelinesWebhookRequest,
} from '@golive/plugin-pipelines-node';
import { parseGithubEvent } from './parseGithubEvent';

const SIGNATURE_PREFIX = 'sha256=';
const SIGNATURE_HEX = /^[0-9a-f]{64}$/i;

/**
 * Checks and reads GitHub webhook deliveries for
 * `/api/pipelines/webhooks/github`: the `X-Hub-Signature-256` HMAC against
 * `pipelines.github.webhookSecret`, then push and pull_request payloads.
 *
 * @public
 */
export class GithubWebhookProvider implements PipelinesWebhookProvider {
  readonly id = 'github';
  readonly #secret: string | undefined;

  static fromConfig(config: Config): GithubWebhookProvider {
    return GithubWebhookProvider.create({
      secret: config.getOptionalString('pipelines.github.webhookSecret'),
    });
  }

  static create(options: { secret?: string }): GithubWebhookProvider {
    return new GithubWebhookProvider(options.secret);
  }

  private constructor(secret: string | undefined) {
    // An empty secret would let anyone sign; treat it as none (fail closed).
    this.#secret = secret ? secret : undefined;
  }

  isConfigured(): boolean {
    return this.#secret !== undefined;
  }

  verify(request: PipelinesWebhookRequest): boolean {
    if (!this.#secret) {
      return false;
    }
    const header = request.headers['x-hub-signature-256'];
    if (typeof header !== 'string' || !header.startsWith(SIGNATURE_PREFIX)) {
      return false;
    }
    const hex = header.slice(SIGNATURE_PREFIX.length);
    if (!SIGNATURE_HEX.test(hex)) {
      return false;
    }

    const expected = createHmac('sha256', this.#secret)
      .update(request.rawBody)
      .digest();
    const given = Buffer.from(hex, 'hex');
    if (given.length !== expected.length) {
      return false;
    }
    return timingSafeEqual(given, expected);
  }

  deliveryId(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-github-delivery'] || undefined;
  }

  eventName(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-github-event'] || undefined;
  }

  parse(request: PipelinesWebhookRequest): PipelinesScmEvent[] {
    const event = this.eventName(request) ?? 'unnamed';

    // Every delivery is JSON (the webhook's content type must be
    // application/json), even for events that start nothing.
    let payload: unknown;
    try {
      payload = JSON.parse(request.rawBody.toString('utf8'));
    } catch (error) {
      throw new InputError(
        `GitHub '${event}' delivery is not JSON (set the webhook's content type to application/json): ${
          (error as Error).message
        }`,
      );
    }

    if (event !== 'push' && event !== 'pull_request') {
      return [];
    }
    return [parseGithubEvent(event, payload)];
  }
}
