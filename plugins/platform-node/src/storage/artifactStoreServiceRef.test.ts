import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { readFile } from 'node:fs/promises';
import { ArtifactStore } from './ArtifactStore';
import { artifactStoreServiceRef } from './artifactStoreServiceRef';

async function startWithConfig(data: object): Promise<ArtifactStore> {
  let captured: ArtifactStore | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: {
              store: artifactStoreServiceRef,
              logger: coreServices.logger,
            },
            async init({ store }) {
              captured = store;
            },
          });
        },
      }),
    ],
  });
  await backend.stop();
  return captured!;
}

describe('artifactStoreServiceRef', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => mockDir.clear());

  it('defaults to the artifacts folder of the data directory', async () => {
    const store = await startWithConfig({
      golive: { dataDirectory: mockDir.resolve('data') },
    });

    await store.put('runs/r1/a.txt', Buffer.from('hello'));

    await expect(
      readFile(mockDir.resolve('data/artifacts/runs/r1/a.txt'), 'utf8'),
    ).resolves.toBe('hello');
  });

  it('uses golive.artifacts.directory when it is set', async () => {
    const store = await startWithConfig({
      golive: {
        dataDirectory: mockDir.resolve('data'),
        artifacts: { directory: mockDir.resolve('elsewhere') },
      },
    });

    await store.put('a.txt', Buffer.from('there'));

    await expect(
      readFile(mockDir.resolve('elsewhere/a.txt'), 'utf8'),
    ).resolves.toBe('there');
  });
});
