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
import { pipelinesModuleGitlab } from './module';

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
      pipelinesModuleGitlab,
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

describe('pipelinesModuleGitlab', () => {
  it('registers the GitLab webhook and SCM providers from config', async () => {
    const { scmProviders, webhookProviders, warnings } = await startModule({
      pipelines: { gitlab: { webhookToken: 's3cret' } },
      integrations: { gitlab: [{ host: 'gitlab.com', token: 'glpat-1' }] },
    });

    expect(warnings).toEqual([]);
    expect(scmProviders.map(p => p.id)).toEqual(['gitlab']);
    expect(webhookProviders.map(p => p.id)).toEqual(['gitlab']);
    const [webhooks] = webhookProviders;
    const request = (token: string) => ({
      headers: { 'x-gitlab-token': token },
      rawBody: Buffer.from('{}'),
    });
    expect(webhooks.verify(request('s3cret'))).toBe(true);
    expect(webhooks.verify(request('s3cre'))).toBe(false);
  });

  it('warns at start without a webhook token or an API token', async () => {
    const { webhookProviders, warnings } = await startModule({});

    expect(warnings).toEqual([
      expect.stringContaining('pipelines.gitlab.webhookToken'),
      expect.stringContaining('integrations.gitlab'),
    ]);
    expect(webhookProviders[0].isConfigured()).toBe(false);
  });
});
