import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { outboundHttpServiceRef } from '@golive/platform-node';
import { pipelinesExternalCiExtensionPoint } from '@golive/plugin-pipelines-node';
import { JenkinsProvider } from './JenkinsProvider';

/**
 * Shows the builds of the Jenkins jobs named by `jenkins.io/job-full-name`
 * in GoLive pipelines, and starts and re-runs them.
 *
 * @public
 */
export const pipelinesModuleJenkins = createBackendModule({
  pluginId: 'pipelines',
  moduleId: 'jenkins',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        http: outboundHttpServiceRef,
        externalCi: pipelinesExternalCiExtensionPoint,
      },
      async init({ config, logger, http, externalCi }) {
        const log = logger.child({ component: 'jenkins' });
        const provider = JenkinsProvider.fromConfig(config, {
          http,
          logger: log,
        });

        if (provider.instanceNames.length === 0) {
          log.warn(
            'No Jenkins instance configured; entities with jenkins.io/job-full-name show an error until jenkins config is added',
          );
        } else {
          log.info('Jenkins instances configured', {
            instances: provider.instanceNames.join(','),
          });
        }
        externalCi.addExternalCiProvider(provider);
      },
    });
  },
});
