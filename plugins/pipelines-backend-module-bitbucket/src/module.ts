import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { pipelinesScmProviderExtensionPoint } from '@golive/plugin-pipelines-node';
import { BitbucketScmProvider } from './BitbucketScmProvider';
import { BitbucketWebhookProvider } from './BitbucketWebhookProvider';

/**
 * Adds Bitbucket Cloud to GoLive pipelines: webhooks at
 * `/api/pipelines/webhooks/bitbucket`, pipeline files and refs read through
 * the Bitbucket API, and build statuses.
 *
 * @public
 */
export const pipelinesModuleBitbucket = createBackendModule({
  pluginId: 'pipelines',
  moduleId: 'bitbucket',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scm: pipelinesScmProviderExtensionPoint,
      },
      async init({ config, logger, scm }) {
        const log = logger.child({ component: 'bitbucket' });
        const webhooks = BitbucketWebhookProvider.fromConfig(config);
        const provider = BitbucketScmProvider.fromConfig(config);

        if (!webhooks.isConfigured()) {
          log.warn(
            'No pipelines.bitbucket.webhookSecret is configured; every Bitbucket webhook delivery is refused',
          );
        }
        if (!provider.hasCredentials()) {
          log.warn(
            'No integrations.bitbucketCloud credentials are configured; private Bitbucket repositories cannot be read and build statuses cannot be posted',
          );
        }

        scm.addWebhookProvider(webhooks);
        scm.addScmProvider(provider);
      },
    });
  },
});
