import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ArtifactStore } from './ArtifactStore';
import { LocalArtifactStore } from './LocalArtifactStore';

// TODO(golive): an S3-compatible store, chosen when its config is present, as
// the architecture plans for production; only the local folder exists now.
/**
 * The artifact store shared by the GoLive plugins.
 *
 * @remarks
 *
 * The default factory creates a {@link LocalArtifactStore} from the
 * `golive.artifacts` config, once per backend.
 *
 * @public
 */
export const artifactStoreServiceRef = createServiceRef<ArtifactStore>({
  id: 'golive.artifact-store',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        LocalArtifactStore.fromConfig(config, { logger }),
    }),
});
