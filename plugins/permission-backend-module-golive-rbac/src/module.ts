import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { GoLiveRbacPolicy } from './GoLiveRbacPolicy';

/**
 * Installs GoLive's role policy (admin, developer, tester, viewer) in the
 * permission backend. Configured under `golive.rbac`.
 *
 * @public
 */
export const permissionModuleGoLiveRbac = createBackendModule({
  pluginId: 'permission',
  moduleId: 'golive-rbac',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, logger, userInfo }) {
        policy.setPolicy(
          GoLiveRbacPolicy.fromConfig(config, { logger, userInfo }),
        );
        logger.info('Installed the GoLive RBAC permission policy');
      },
    });
  },
});
