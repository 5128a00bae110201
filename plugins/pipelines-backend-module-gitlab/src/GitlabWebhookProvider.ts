import type { Config } from '@backstage/config';
import type {
  PipelinesScmEvent,
  PipelinesWebhookProvider,
  PipelinesWebhookRequest,
} from '@golive/plugin-pipelines-node';
import { parseGitlabDelivery } from './parseGitlabDelivery';
import { timingSafeStringEqual } from './timingSafeStringEqual';

/**
 * Checks and reads GitLab webhook deliveries: the secret token that GitLab
 * sends in `X-Gitlab-Token`, push, tag push and merge request events.
 *
 * @public
 */
export class GitlabWebhookProvider implements PipelinesWebhookProvider {
  readonly id = 'gitlab';
  readonly #token: string | undefined;

  /** Reads `pipelines.gitlab.webhookToken`. */
  static fromConfig(config: Config): GitlabWebhookProvider {
    return new GitlabWebhookProvider(
      config.getOptionalString('pipelines.gitlab.webhookToken'),
    );
  }

  private constructor(token: string | undefined) {
    this.#token = token?.trim() || undefined;
  }

  isConfigured(): boolean {
    return this.#token !== undefined;
  }

  verify(request: PipelinesWebhookRequest): boolean {
    const token = request.headers['x-gitlab-token'];
    if (this.#token === undefined || !token) {
      return false;
    }
    return timingSafeStringEqual(token, this.#token);
  }

  deliveryId(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-gitlab-event-uuid'] || undefined;
  }

  eventName(request: PipelinesWebhookRequest): string | undefined {
    return request.headers['x-gitlab-event'] || undefined;
  }

  parse(request: PipelinesWebhookRequest): PipelinesScmEvent[] {
    return parseGitlabDelivery(this.eventName(request), request.rawBody);
  }
}
