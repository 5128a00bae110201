import type {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LifecycleService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ArtifactStore,
  JobQueueService,
  readJobQueueConfig,
  RedisService,
  resolveDataDirectory,
  SecretsCipher,
} from '@golive/platform-node';
import type {
  PipelinesExecutor,
  PipelinesExternalCiProvider,
  PipelinesScmProvider,
  PipelinesWebhookProvider,
} from '@golive/plugin-pipelines-node';
import { resolve } from 'node:path';
import { registerPipelinesActions } from '../actions/registerPipelinesActions';
import { DatabaseJobStore } from '../database/DatabaseJobStore';
import { DatabaseRunStore } from '../database/DatabaseRunStore';
import { DatabaseSecretStore } from '../database/DatabaseSecretStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { createDemoRepository } from '../demo/createDemoRepository';
import { collectFiles, GitWorkspace, LocalExecutor } from '../execution';
import { RunNotifier } from '../notifications/RunNotifier';
import { DatabaseScheduleStore } from '../schedule/DatabaseScheduleStore';
import { ScheduleTrigger } from '../schedule/ScheduleTrigger';
import { CommitStatusOutbox } from '../scm/CommitStatusOutbox';
import { ScmWorkspaces, scmGitCredentials } from '../scm/ScmWorkspaces';
import { createIntegrations } from './createIntegrations';
import { createJobLogs } from './createJobLogs';
import { RunPlanner } from '../planner/RunPlanner';
import { JobCancellations } from '../worker/JobCancellations';
import { processPipelineJob } from '../worker/processPipelineJob';
import { reconcileJobs } from './reconcileJobs';
import { pruneDeliveries, pruneRuns } from '../retention/pruneRuns';
import { RouteContext } from './RouteContext';
import { createRouter } from './router';
import {
  PIPELINES_QUEUE,
  PipelineJobData,
  RunOrchestrator,
} from './RunOrchestrator';

/** Days processed webhook deliveries are kept, to recognise redeliveries. */
const DELIVERIES_KEEP_DAYS = 30;

/** Builds the pipelines backend from its services; used by the plugin. */
export async function createPipelinesCore(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  /** Needed for schedule triggers; without it no schedule fires. */
  auth?: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  events: EventsService;
  signals: SignalsService;
  /** Owners of entities are told about failed runs and waiting approvals. */
  notifications?: NotificationService;
  /** Read-only actions for the AI assistant and MCP clients. */
  actionsRegistry?: ActionsRegistryService;
  jobQueue: JobQueueService;
  artifacts: ArtifactStore;
  cipher: SecretsCipher;
  redis: RedisService;
  executor?: PipelinesExecutor;
  scmProviders: PipelinesScmProvider[];
  /** Git hosts whose webhooks start runs; none by default. */
  webhookProviders?: PipelinesWebhookProvider[];
  externalCi: PipelinesExternalCiProvider[];
}) {
  const { config, logger, lifecycle } = deps;
  const dataDirectory = resolveDataDirectory(config);
  const settings = {
    maxLogBytes:
      config.getOptionalNumber('pipelines.logs.maxBytesPerJob') ?? 104857600,
    workspaces: resolve(
      config.getOptionalString('pipelines.workspaces.directory') ??
        resolve(dataDirectory, 'workspaces'),
    ),
    reconcileSeconds:
      config.getOptionalNumber('pipelines.reconciler.intervalSeconds') ?? 30,
    concurrency: config.getOptionalNumber('pipelines.worker.concurrency') ?? 2,
    demo: config.getOptionalBoolean('pipelines.demo.enabled') ?? false,
    schedulesEnabled:
      config.getOptionalBoolean('pipelines.schedules.enabled') ?? true,
    scheduleRefreshMinutes:
      config.getOptionalNumber('pipelines.schedules.refreshMinutes') ?? 10,
    lockDurationMs: readJobQueueConfig(config).lockDurationMs,
    retentionDays: readRetentionDays(config),
    appBaseUrl: (
      config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000'
    ).replace(/\/+$/, ''),
  };

  const db = await migrateDatabase(deps.database);
  const runs = DatabaseRunStore.create({ db });
  const jobs = DatabaseJobStore.create({ db });
  const secrets = DatabaseSecretStore.create({ db, cipher: deps.cipher });
  const queue = deps.jobQueue.getQueue<PipelineJobData>(PIPELINES_QUEUE);
  const workspaces = ScmWorkspaces.create({
    git: GitWorkspace.create({
      rootDirectory: settings.workspaces,
      logger: logger.child({ component: 'workspaces' }),
      credentials: scmGitCredentials(deps.scmProviders),
    }),
    providers: deps.scmProviders,
  });
  const executor =
    deps.executor ??
    LocalExecutor.create({ logger: logger.child({ component: 'executor' }) });
  const logs = await createJobLogs({
    db,
    redis: deps.redis,
    logger: logger.child({ component: 'logs' }),
    maxBytes: settings.maxLogBytes,
    isJobFinished: async (jobId: string) => {
      const job = await jobs.getJob(jobId);
      return (
        !job ||
        ['succeeded', 'failed', 'cancelled', 'skipped'].includes(job.status)
      );
    },
  });

  const orchestrator = RunOrchestrator.create({
    runs,
    jobs,
    queue,
    events: deps.events,
    signals: deps.signals,
    commitStatuses: deps.scmProviders.length
      ? CommitStatusOutbox.create({
          db,
          providers: deps.scmProviders,
          logger: logger.child({ component: 'commit-statuses' }),
          baseUrl: settings.appBaseUrl,
        })
      : undefined,
    logger: logger.child({ component: 'orchestrator' }),
    notifier:
      deps.notifications &&
      RunNotifier.create({
        notifications: deps.notifications,
        logger: logger.child({ component: 'notifier' }),
      }),
  });
  const planner = RunPlanner.create({
    catalog: deps.catalog,
    workspaces,
    runs,
    orchestrator,
    dataDirectory,
    logger: logger.child({ component: 'planner' }),
    scmProviders: deps.scmProviders,
  });
  const cancellations = new JobCancellations();
  const integrations = await createIntegrations({
    ...deps,
    db,
    planner,
    webhookProviders: deps.webhookProviders ?? [],
  });

  const workerLogger = logger.child({ component: 'worker' });
  lifecycle.addStartupHook(async () => {
    if (settings.demo) {
      await createDemoRepository({ dataDirectory, logger });
    }
    await queue.process(
      context =>
        processPipelineJob(context, {
          runs,
          jobs,
          secrets,
          orchestrator,
          workspaces,
          executor,
          openLog: logs.openLog,
          collectFiles,
          artifacts: deps.artifacts,
          cancellations,
          logger: workerLogger,
        }),
      { concurrency: settings.concurrency },
    );
  });

  await deps.scheduler.scheduleTask({
    id: 'pipelines-reconciler',
    frequency: { seconds: settings.reconcileSeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await reconcileJobs({
        runs,
        jobs,
        queue,
        orchestrator,
        logger: logger.child({ component: 'reconciler' }),
        staleAfterMs: 2 * settings.lockDurationMs,
      });
    },
  });

  await deps.scheduler.scheduleTask({
    id: 'pipelines-retention',
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 2 },
    fn: async () => {
      const day = 24 * 60 * 60 * 1000;
      if (settings.retentionDays !== undefined) {
        await pruneRuns({
          db,
          artifacts: deps.artifacts,
          logger: logger.child({ component: 'retention' }),
          before: new Date(Date.now() - settings.retentionDays * day),
        });
      }
      await pruneDeliveries({
        db,
        before: new Date(Date.now() - DELIVERIES_KEEP_DAYS * day),
      });
    },
  });

  const outbox = orchestrator.commitStatuses;
  if (outbox) {
    await deps.scheduler.scheduleTask({
      id: 'pipelines-commit-statuses',
      frequency: { seconds: 5 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 5 },
      fn: () => outbox.deliverDue(),
    });
  }

  if (deps.auth && settings.schedulesEnabled) {
    const schedules = ScheduleTrigger.create({
      catalog: deps.catalog,
      auth: deps.auth,
      planner,
      store: DatabaseScheduleStore.create({ db }),
      logger: logger.child({ component: 'schedules' }),
      refreshMs: settings.scheduleRefreshMinutes * 60 * 1000,
    });
    await deps.scheduler.scheduleTask({
      id: 'pipelines-schedules',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 15 },
      fn: async () => {
        await schedules.check();
      },
    });
  }

  if (deps.actionsRegistry) {
    registerPipelinesActions({
      actionsRegistry: deps.actionsRegistry,
      permissions: deps.permissions,
      runs,
      jobs,
      logs: logs.reader,
    });
  }

  const ctx = RouteContext.create({
    httpAuth: deps.httpAuth,
    permissions: deps.permissions,
    auditor: deps.auditor,
    runs,
    logger,
  });
  const router = createRouter({
    ctx,
    jobs,
    secrets,
    planner,
    orchestrator,
    cancellations,
    artifacts: deps.artifacts,
    logs: logs.reader,
    streamHandler: logs.streamHandler,
    webhooks: integrations.webhooks,
    external: integrations.external,
  });
  return { router, runs, jobs, queue, planner, orchestrator, ...integrations };
}

/** `pipelines.retention.runDays`: a whole number of days, or unset (keep). */
function readRetentionDays(config: RootConfigService): number | undefined {
  const days = config.getOptionalNumber('pipelines.retention.runDays');
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(
      `Invalid pipelines.retention.runDays ${days}: give a whole number of days from 1, or leave it out to keep every run`,
    );
  }
  return days;
}
