import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { pipelinesScmProviderExtensionPoint } from '@golive/plugin-pipelines-node';
import { GitlabScmProvider } from './GitlabScmProvider';
import { GitlabWebhookProvider } from './GitlabWebhookProvider';

/**
 * Adds GitLab to GoLive pipelines: webhooks at
 * `/api/pipelines/webhooks/gitlab`, pipeline files and refs read through
 * the GitLab API, and commit statuses.
 *
 * @public
 */
export const pipelinesModuleGitlab = createBackendModule({
  pluginId: 'pipelines',
  moduleId: 'gitlab',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scm: pipelinesScmProviderExtensionPoint,
      },
      async init({ config, logger, scm }) {
        const log = logger.child({ component: 'gitlab' });
        const webhooks = GitlabWebhookProvider.fromConfig(config);
        const provider = GitlabScmProvider.fromConfig(config);

        if (!webhooks.isConfigured()) {
          log.warn(
            'No pipelines.gitlab.webhookToken is configured; every GitLab webhook delivery is refused',
          );
        }
        if (!provider.hasCredentials()) {
          log.warn(
            'No integrations.gitlab entry has a token; private GitLab projects cannot be read and commit statuses cannot be posted',
          );
        }

        scm.addWebhookProvider(webhooks);
        scm.addScmProvider(provider);
      },
    });
  },
});
