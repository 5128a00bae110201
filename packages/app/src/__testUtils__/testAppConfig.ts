import { RenderTestAppOptions } from '@backstage/frontend-test-utils';

type TestConfig = NonNullable<RenderTestAppOptions['config']>;

/** The config the app's tests run with: what app-config.yaml sets for it. */
export function testAppConfig(extra: TestConfig = {}): TestConfig {
  return {
    app: { title: 'GoLive', baseUrl: 'http://localhost:3000' },
    backend: { baseUrl: 'http://localhost:7007' },
    ...extra,
  };
}
