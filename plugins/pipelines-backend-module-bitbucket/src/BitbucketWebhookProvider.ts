import type { Config } from '@backstage/config';
import type {
  PipelinesScmEvent,
  PipelinesWebhookProvider,
  PipelinesWebhookRequest,
} from '@golive/plugin-pipelines-node';
import { parseBitbucketDelivery } from './parseBitbucketDelivery';
import { verifyBitbucketSignature } from './verifyBitbucketSignature';

/**
 * Checks and reads Bitbucket Cloud webhook deliveries: the HMAC signature
 * in `X-Hub-Signature`, push and pull request events.
 *
 * @public
 */
export class BitbucketWebhookProvider implements PipelinesWebhookProvider {
  readonly id = 'bitbucket';
  readonly #secret: string | undefined;

  /** Reads `pipelines.bitbucket.webhookSecret`. */
  static fromConfig(config: Config): BitbucketWebhookProvider {
    return new BitbucketWebhookProvider(
      config.getOptionalString('pipelines.bitbucket.webhookSecret'),
    );
  }

  private constructor(secret: string | undefined) {
    // The secret is the HMAC key byte for byte: blank means none, but it is
    // never trimmed.
    this.#secret = secret?.trim() ? secret : undefined;
  }

  isConfigured(): boolean {
    return this.#secret !== undefined;
  }

  verify(request: PipelinesWebhookRequest): boolean {
    if (this.#secret === undefined) {
      return false;
    }
    return verifyBitbucketSignature(
      this.#secret,
      request.rawBody,
      request.headers['x-hub-signature'],
    );
  }

  deliveryId(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-request-uuid'] || undefined;
  }

  eventName(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-event-key'] || undefined;
  }

  parse(request: PipelinesWebhookRequest): PipelinesScmEvent[] {
    return parseBitbucketDelivery(this.eventName(request), request.rawBody);
  }
}
