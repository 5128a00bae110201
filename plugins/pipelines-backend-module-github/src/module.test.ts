import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  PipelinesExternalCiProvider,
  pipelinesExternalCiExtensionPoint,
  PipelinesScmProvider,
  pipelinesScmProviderExtensionPoint,
  PipelinesWebhookProvider,
} from '@golive/plugin-pipelines-node';
import { createHmac } from 'node:crypto';
import { pipelinesModuleGithub } from './module';
import {
  MAIN_SHA,
  TOKEN,
  shopRepository,
} from './__testUtils__/shopRepository';
import { FakeGithub, startFakeGithub } from './__testUtils__/startFakeGithub';

/** Stands in for the pipelines backend: collects what modules register. */
function collectingPlugin() {
  const collected = {
    scm: [] as PipelinesScmProvider[],
    webhooks: [] as PipelinesWebhookProvider[],
    externalCi: [] as PipelinesExternalCiProvider[],
  };
  const plugin = createBackendPlugin({
    pluginId: 'pipelines',
    register(env) {
      env.registerExtensionPoint(pipelinesScmProviderExtensionPoint, {
        addScmProvider: p => collected.scm.push(p),
        addWebhookProvider: p => collected.webhooks.push(p),
      });
      env.registerExtensionPoint(pipelinesExternalCiExtensionPoint, {
        addExternalCiProvider: p => collected.externalCi.push(p),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, collected };
}

describe('pipelinesModuleGithub', () => {
  let github: FakeGithub;

  beforeEach(async () => {
    github = await startFakeGithub({
      token: TOKEN,
      repos: { 'acme/shop': shopRepository() },
    });
  });

  afterEach(() => github.close());

  it('registers the webhook, SCM and GitHub Actions providers from config', async () => {
    const { plugin, collected } = collectingPlugin();
    const backend = await startTestBackend({
      features: [
        plugin,
        pipelinesModuleGithub,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: github.baseUrl,
                  token: TOKEN,
                },
              ],
            },
            pipelines: { github: { webhookSecret: 'shh' } },
          },
        }),
      ],
    });

    expect(collected.webhooks.map(p => p.id)).toEqual(['github']);
    expect(collected.scm.map(p => p.id)).toEqual(['github']);
    expect(collected.externalCi.map(p => p.id)).toEqual(['github-actions']);

    const body = Buffer.from('{"zen":"Design for failure."}');
    const signature = `sha256=${createHmac('sha256', 'shh')
      .update(body)
      .digest('hex')}`;
    expect(
      collected.webhooks[0].verify({
        headers: { 'x-hub-signature-256': signature },
        rawBody: body,
      }),
    ).toBe(true);
    await expect(
      collected.scm[0].resolveRef!({
        repositoryUrl: 'https://github.com/acme/shop',
      }),
    ).resolves.toEqual({ sha: MAIN_SHA, ref: 'main' });

    await backend.stop();
  });

  it('refuses every delivery when no webhook secret is configured', async () => {
    const { plugin, collected } = collectingPlugin();
    const backend = await startTestBackend({
      features: [
        plugin,
        pipelinesModuleGithub,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const [webhooks] = collected.webhooks;
    expect(webhooks.isConfigured()).toBe(false);
    expect(
      webhooks.verify({
        headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        rawBody: Buffer.from('{}'),
      }),
    ).toBe(false);
    await backend.stop();
  });
});
