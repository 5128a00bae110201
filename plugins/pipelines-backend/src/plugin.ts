import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  artifactStoreServiceRef,
  jobQueueServiceRef,
  redisServiceRef,
  secretsCipherServiceRef,
} from '@golive/platform-node';
import { pipelinesPermissions } from '@golive/plugin-pipelines-common';
import {
  PipelinesExecutor,
  pipelinesExecutorExtensionPoint,
  PipelinesExternalCiProvider,
  pipelinesExternalCiExtensionPoint,
  PipelinesScmProvider,
  pipelinesScmProviderExtensionPoint,
  PipelinesWebhookProvider,
} from '@golive/plugin-pipelines-node';
import { createPipelinesCore } from './service/createPipelinesCore';

/**
 * The pipelines backend plugin: planner, workers, reconciler and the REST
 * API of GoLive pipelines.
 *
 * @public
 */
export const pipelinesPlugin = createBackendPlugin({
  pluginId: 'pipelines',
  register(env) {
    let executor: PipelinesExecutor | undefined;
    const scmProviders: PipelinesScmProvider[] = [];
    const webhookProviders: PipelinesWebhookProvider[] = [];
    const externalCi: PipelinesExternalCiProvider[] = [];

    env.registerExtensionPoint(pipelinesExecutorExtensionPoint, {
      setExecutor(next) {
        if (executor) throw new Error('A pipelines executor is already set');
        executor = next;
      },
    });
    env.registerExtensionPoint(pipelinesScmProviderExtensionPoint, {
      addScmProvider: provider => scmProviders.push(provider),
      addWebhookProvider: provider => webhookProviders.push(provider),
    });
    env.registerExtensionPoint(pipelinesExternalCiExtensionPoint, {
      addExternalCiProvider: provider => externalCi.push(provider),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        jobQueue: jobQueueServiceRef,
        artifacts: artifactStoreServiceRef,
        cipher: secretsCipherServiceRef,
        redis: redisServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(pipelinesPermissions);
        const core = await createPipelinesCore({
          ...deps,
          executor,
          scmProviders,
          webhookProviders,
          externalCi,
        });
        deps.httpRouter.use(core.router);
        deps.httpRouter.addAuthPolicy({
          path: '/schema',
          allow: 'unauthenticated',
        });
        // git hosts sign their deliveries; each provider verifies them
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
