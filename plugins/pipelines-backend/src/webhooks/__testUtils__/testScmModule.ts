import { createBackendModule } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  PipelinesScmEvent,
  PipelinesScmProvider,
  pipelinesScmProviderExtensionPoint,
  PipelinesWebhookProvider,
} from '@golive/plugin-pipelines-node';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs a body as the test provider expects: `sha256=<hex HMAC>`. */
export function sign(secret: string, body: string | Buffer) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A webhook provider of our interface for the tests of the endpoint: a
 * GitHub-like signature over the raw body and a small JSON payload. The
 * real hosts' providers are tested in their own modules.
 */
export function testWebhookProvider(
  id: string,
  secret: string | undefined,
): PipelinesWebhookProvider {
  return {
    id,
    isConfigured: () => Boolean(secret),
    verify: ({ headers, rawBody }) => {
      const given = headers['x-test-signature'];
      if (!secret || !given) return false;
      const a = Buffer.from(given);
      const b = Buffer.from(sign(secret, rawBody));
      return a.length === b.length && timingSafeEqual(a, b);
    },
    deliveryId: ({ headers }) => headers['x-test-delivery'],
    eventName: ({ headers }) => headers['x-test-event'],
    parse: ({ headers, rawBody }): PipelinesScmEvent[] => {
      let body: any;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new InputError('Webhook body is not JSON');
      }
      const repository = {
        provider: id,
        host: 'git.test',
        slug: body.repository.slug,
        url: body.repository.url,
        cloneUrl: body.repository.url,
      };
      if (headers['x-test-event'] === 'push') {
        return [
          {
            type: 'push',
            repository,
            ref: body.ref,
            sha: body.after,
            deleted: Boolean(body.deleted),
            actor: body.pusher,
          },
        ];
      }
      if (headers['x-test-event'] === 'pull_request') {
        return [
          {
            type: 'pull_request',
            repository,
            action: body.action,
            number: body.number,
            sha: body.head.sha,
            headRef: body.head.ref,
            baseRef: body.base.ref,
            fromFork: body.head.fork,
            actor: body.sender,
          },
        ];
      }
      return [];
    },
  };
}

/** A backend module that adds SCM and webhook providers to pipelines. */
export function testScmModule(options: {
  webhooks?: PipelinesWebhookProvider[];
  scm?: PipelinesScmProvider[];
}) {
  return createBackendModule({
    pluginId: 'pipelines',
    moduleId: 'test-scm',
    register(env) {
      env.registerInit({
        deps: { scm: pipelinesScmProviderExtensionPoint },
        async init({ scm }) {
          options.webhooks?.forEach(p => scm.addWebhookProvider(p));
          options.scm?.forEach(p => scm.addScmProvider(p));
        },
      });
    },
  });
}
