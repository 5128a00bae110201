import type {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  RUNS_SIGNAL_CHANNEL,
  runSignalChannel,
} from '@golive/plugin-pipelines-common';
import type {
  PipelinesExternalCiProvider,
  PipelinesScmProvider,
  PipelinesWebhookProvider,
} from '@golive/plugin-pipelines-node';
import type { Knex } from 'knex';
import { DatabaseExternalRunStore } from '../external/DatabaseExternalRunStore';
import { ExternalRuns } from '../external/ExternalRuns';
import { ExternalRunSync } from '../external/ExternalRunSync';
import type { RunPlanner } from '../planner/RunPlanner';
import { DatabaseWebhookInbox } from '../webhooks/DatabaseWebhookInbox';
import { WebhookProcessor } from '../webhooks/WebhookProcessor';
import { webhookRouter } from '../webhooks/webhookRouter';

/**
 * Wires what connects pipelines to git hosts and external CI: the webhook
 * endpoint and its processor, and the external run sync, with their
 * scheduler tasks. Without `auth` (no service credentials for catalog
 * reads) neither runs.
 */
export async function createIntegrations(deps: {
  config: RootConfigService;
  logger: LoggerService;
  db: Knex;
  scheduler: SchedulerService;
  catalog: CatalogService;
  signals: SignalsService;
  auth?: AuthService;
  planner: RunPlanner;
  scmProviders: PipelinesScmProvider[];
  webhookProviders: PipelinesWebhookProvider[];
  externalCi: PipelinesExternalCiProvider[];
}) {
  const { config, logger, auth } = deps;
  if (!auth) return {};

  let webhooks;
  if (deps.webhookProviders.length) {
    const webhookLogger = logger.child({ component: 'webhooks' });
    for (const provider of deps.webhookProviders) {
      if (!provider.isConfigured()) {
        webhookLogger.warn(
          'Webhook provider has no secret; its deliveries are refused',
          { provider: provider.id },
        );
      }
    }
    const inbox = DatabaseWebhookInbox.create({ db: deps.db });
    const processor = WebhookProcessor.create({
      inbox,
      catalog: deps.catalog,
      auth,
      planner: deps.planner,
      scmProviders: deps.scmProviders,
      logger: webhookLogger,
    });
    webhooks = webhookRouter({
      providers: deps.webhookProviders,
      inbox,
      processor,
      logger: webhookLogger,
    });
    await deps.scheduler.scheduleTask({
      id: 'pipelines-webhook-inbox',
      frequency: {
        seconds:
          config.getOptionalNumber('pipelines.webhooks.retryIntervalSeconds') ??
          15,
      },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 5 },
      fn: () => processor.processDue(),
    });
  }

  let external: ExternalRuns | undefined;
  if (deps.externalCi.length) {
    const store = DatabaseExternalRunStore.create({ db: deps.db });
    const sync = ExternalRunSync.create({
      providers: deps.externalCi,
      store,
      catalog: deps.catalog,
      auth,
      logger: logger.child({ component: 'external-ci' }),
      maxRunsPerSource:
        config.getOptionalNumber('pipelines.external.maxRunsPerSource') ?? 500,
      onChange: async (_entityRef, updatedRunIds) => {
        await deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: RUNS_SIGNAL_CHANNEL,
          // broadcast: nothing about the entity, which not all may read
          message: { type: 'runs.synced' },
        });
        // open run pages of runs that moved reload them
        for (const runId of updatedRunIds) {
          await deps.signals.publish({
            recipients: { type: 'broadcast' },
            channel: runSignalChannel(runId),
            message: { type: 'run.synced', runId },
          });
        }
      },
    });
    external = ExternalRuns.create({
      providers: deps.externalCi,
      store,
      sync,
      catalog: deps.catalog,
      auth,
      logger: logger.child({ component: 'external-ci' }),
    });
    await deps.scheduler.scheduleTask({
      id: 'pipelines-external-sync',
      frequency: {
        seconds:
          config.getOptionalNumber('pipelines.external.syncIntervalSeconds') ??
          60,
      },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 10 },
      fn: () => sync.syncAll(),
    });
  }
  return { webhooks, external };
}
