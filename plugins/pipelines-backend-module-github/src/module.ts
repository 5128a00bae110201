import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  pipelinesExternalCiExtensionPoint,
  pipelinesScmProviderExtensionPoint,
} from '@golive/plugin-pipelines-node';
import { GithubActionsProvider } from './GithubActionsProvider';
import { GithubClientFactory } from './GithubClientFactory';
import { GithubScmProvider } from './GithubScmProvider';
import { GithubWebhookProvider } from './GithubWebhookProvider';

/**
 * Adds GitHub to the pipelines backend: signed webhooks, pipeline files and
 * commit statuses, and GitHub Actions runs.
 *
 * @public
 */
export const pipelinesModuleGithub = createBackendModule({
  pluginId: 'pipelines',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scm: pipelinesScmProviderExtensionPoint,
        externalCi: pipelinesExternalCiExtensionPoint,
      },
      async init({ config, logger, scm, externalCi }) {
        const clients = GithubClientFactory.fromConfig(config);
        const webhooks = GithubWebhookProvider.fromConfig(config);
        if (!webhooks.isConfigured()) {
          logger.warn(
            'No pipelines.github.webhookSecret is configured; every GitHub webhook delivery will be refused',
          );
        }

        scm.addWebhookProvider(webhooks);
        scm.addScmProvider(GithubScmProvider.create({ clients }));
        externalCi.addExternalCiProvider(
          GithubActionsProvider.create({ clients }),
        );
        logger.info('GitHub pipelines module registered', {
          hosts: clients.hosts().join(','),
        });
      },
    });
  },
});
