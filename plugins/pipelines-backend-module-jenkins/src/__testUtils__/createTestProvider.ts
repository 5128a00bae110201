import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { AllowListOutboundHttp } from '@golive/platform-node';
import { JenkinsProvider } from '../JenkinsProvider';
import { FakeJenkins } from './startFakeJenkins';

/** A component carrying `jenkins.io/job-full-name`. */
export function entityWithJobs(annotation: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-web',
      namespace: 'default',
      annotations: { 'jenkins.io/job-full-name': annotation },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/**
 * A provider talking to fake Jenkins instances through the real outbound
 * HTTP client, which allows exactly their hosts.
 */
export function createTestProvider(
  instances: Record<string, FakeJenkins>,
  options: {
    apiKeys?: Record<string, string>;
    timeoutMs?: number;
    crumbIssuer?: boolean;
  } = {},
): { provider: JenkinsProvider; close: () => Promise<void> } {
  const http = AllowListOutboundHttp.create({
    allowedHosts: Object.values(instances).map(fake => fake.host),
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  const provider = JenkinsProvider.create({
    instances: Object.entries(instances).map(([name, fake]) => ({
      name,
      baseUrl: fake.baseUrl,
      username: fake.username,
      apiKey: options.apiKeys?.[name] ?? fake.apiKey,
      crumbIssuer: options.crumbIssuer ?? true,
    })),
    http,
    logger: mockServices.logger.mock(),
  });
  return { provider, close: () => http.close() };
}
