import { createHmac } from 'node:crypto';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  PipelinesScmProvider,
  PipelinesWebhookProvider,
  pipelinesScmProviderExtensionPoint,
} from '@golive/plugin-pipelines-node';
import { pipelinesModuleBitbucket } from './module';

async function startModule(config: object) {
  const scmProviders: PipelinesScmProvider[] = [];
  const webhookProviders: PipelinesWebhookProvider[] = [];
  const warnings: string[] = [];
  const logger: LoggerService = {
    error() {},
    warn: message => warnings.push(message),
    info() {},
    debug() {},
    child: () => logger,
  };

  const backend = await startTestBackend({
    extensionPoints: [
      [
        pipelinesScmProviderExtensionPoint,
        {
          addScmProvider: provider => scmProviders.push(provider),
          addWebhookProvider: provider => webhookProviders.push(provider),
        },
      ],
    ],
    features: [
      pipelinesModuleBitbucket,
      mockServices.rootConfig.factory({ data: config }),
      createServiceFactory({
        service: coreServices.logger,
        deps: {},
        factory: () => logger,
      }),
    ],
  });
  await backend.stop();
  return { scmProviders, webhookProviders, warnings };
}

describe('pipelinesModuleBitbucket', () => {
  it('registers the Bitbucket webhook and SCM providers from config', async () => {
    const { scmProviders, webhookProviders, warnings } = await startModule({
      pipelines: { bitbucket: { webhookSecret: 's3cret' } },
      integrations: { bitbucketCloud: [{ token: 'ATCTT3x' }] },
    });

    expect(warnings).toEqual([]);
    expect(scmProviders.map(p => p.id)).toEqual(['bitbucket']);
    expect(webhookProviders.map(p => p.id)).toEqual(['bitbucket']);
    const [webhooks] = webhookProviders;
    const rawBody = Buffer.from('{}');
    const request = (secret: string) => ({
      headers: {
        'x-hub-signature': `sha256=${createHmac('sha256', secret)
          .update(rawBody)
          .digest('hex')}`,
      },
      rawBody,
    });
    expect(webhooks.verify(request('s3cret'))).toBe(true);
    expect(webhooks.verify(request('s3cre'))).toBe(false);
  });

  it('warns at start without a webhook token or an API token', async () => {
    const { webhookProviders, warnings } = await startModule({});

    expect(warnings).toEqual([
      expect.stringContaining('pipelines.bitbucket.webhookSecret'),
      expect.stringContaining('integrations.bitbucketCloud'),
    ]);
    expect(webhookProviders[0].isConfigured()).toBe(false);
  });
});
