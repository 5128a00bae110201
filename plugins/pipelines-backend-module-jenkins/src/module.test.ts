import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  PipelinesExternalCiProvider,
  pipelinesExternalCiExtensionPoint,
} from '@golive/plugin-pipelines-node';
import { entityWithJobs } from './__testUtils__/createTestProvider';
import {
  FakeJenkins,
  startFakeJenkins,
} from './__testUtils__/startFakeJenkins';
import { pipelinesModuleJenkins } from './module';

/** Stands in for the pipelines backend: collects the providers. */
function pipelinesWithProviders(providers: PipelinesExternalCiProvider[]) {
  return createBackendPlugin({
    pluginId: 'pipelines',
    register(env) {
      env.registerExtensionPoint(pipelinesExternalCiExtensionPoint, {
        addExternalCiProvider: provider => providers.push(provider),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('pipelinesModuleJenkins', () => {
  let jenkins: FakeJenkins;

  beforeEach(async () => {
    jenkins = await startFakeJenkins();
  });

  afterEach(async () => {
    await jenkins.stop();
  });

  it('registers the Jenkins provider, reading jenkins and golive.http config', async () => {
    jenkins.addJob('shop/web');
    jenkins.addBuild('shop/web', { result: 'FAILURE' });
    const providers: PipelinesExternalCiProvider[] = [];

    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            golive: { http: { allowedHosts: [jenkins.host] } },
            jenkins: {
              baseUrl: jenkins.baseUrl,
              username: jenkins.username,
              apiKey: jenkins.apiKey,
            },
          },
        }),
        pipelinesWithProviders(providers),
        pipelinesModuleJenkins,
      ],
    });

    try {
      expect(providers.map(p => [p.id, p.title, p.annotations])).toEqual([
        ['jenkins', 'Jenkins', ['jenkins.io/job-full-name']],
      ]);
      const entity = entityWithJobs('shop/web');
      const [source] = providers[0].sourcesOf(entity);
      const { runs } = await providers[0].listRuns({
        entity,
        source,
        limit: 10,
      });
      expect(runs.map(r => [r.number, r.status])).toEqual([[1, 'failed']]);
    } finally {
      await backend.stop();
    }
  });

  it('keeps Jenkins off limits when golive.http does not allow its host', async () => {
    jenkins.addJob('shop/web');
    const providers: PipelinesExternalCiProvider[] = [];
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            jenkins: {
              instances: [
                {
                  name: 'main',
                  baseUrl: jenkins.baseUrl,
                  username: jenkins.username,
                  apiKey: jenkins.apiKey,
                },
              ],
            },
          },
        }),
        pipelinesWithProviders(providers),
        pipelinesModuleJenkins,
      ],
    });

    try {
      const entity = entityWithJobs('main:shop/web');
      const [source] = providers[0].sourcesOf(entity);
      await expect(
        providers[0].listRuns({ entity, source, limit: 10 }),
      ).rejects.toThrow('the host is not in golive.http.allowedHosts');
      expect(jenkins.requests).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('fails the start on invalid jenkins config', async () => {
    await expect(
      startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: { jenkins: { baseUrl: 'https://ci.acme.com' } },
          }),
          pipelinesWithProviders([]),
          pipelinesModuleJenkins,
        ],
      }),
    ).rejects.toThrow(
      'Jenkins instance "default" needs jenkins.username and jenkins.apiKey',
    );
  });
});
