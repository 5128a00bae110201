import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  AesGcmSecretsCipher,
  BullMqJobQueueService,
  DefaultRedisService,
  LocalArtifactStore,
  readRedisConfig,
} from '@golive/platform-node';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createPipelinesCore } from '../createPipelinesCore';

export const FAULT_ENTITY_REF = 'component:default/shop';

/**
 * One "backend" of the pipelines plugin without the HTTP server: stores,
 * planner, orchestrator and a worker on BullMQ with a short lock, so that
 * tests can run several on one database and queue, or one in a child
 * process, and stop them at will. Plain objects stand in for the services
 * the worker does not use, so that it also runs outside Jest.
 */
export async function startPipelinesCore(options: {
  knex: Knex;
  redisUrl: string;
  queuePrefix: string;
  dataDirectory: string;
  repositoryUrl: string;
  /** Whether this instance migrates the database; default true. */
  migrate?: boolean;
  services?: Record<string, unknown>;
  logger?: LoggerService;
}) {
  const logger = options.logger ?? silentLogger();
  const lockDurationMs = 1000;
  const config = new ConfigReader({
    golive: {
      dataDirectory: options.dataDirectory,
      queue: { prefix: options.queuePrefix, lockDurationMs },
    },
    pipelines: {
      workspaces: {
        directory: join(options.dataDirectory, `workspaces-${process.pid}`),
      },
    },
  });
  const queueRedis = DefaultRedisService.create({
    config: readRedisConfig(
      new ConfigReader({ golive: { redis: { url: options.redisUrl } } }),
    ),
  });
  const connection = queueRedis.createClient({ maxRetriesPerRequest: null });
  const jobQueue = BullMqJobQueueService.create({
    connection,
    logger,
    prefix: options.queuePrefix,
    lockDurationMs,
    stalledIntervalMs: 500,
    shutdownTimeoutMs: 500,
  });
  const startupHooks: Array<() => Promise<void>> = [];
  const database: DatabaseService = {
    getClient: async () => options.knex,
    migrations: { skip: options.migrate === false },
  };
  const events: Array<{ topic: string; eventPayload: any }> = [];
  const signals: Array<{ channel: string; recipients: any; message: any }> = [];

  const core = await createPipelinesCore({
    config,
    logger,
    database,
    lifecycle: {
      addStartupHook: (hook: () => Promise<void>) => startupHooks.push(hook),
      addShutdownHook: () => {},
    } as any,
    scheduler: { scheduleTask: async () => {} } as any,
    httpAuth: {} as any,
    permissions: {} as any,
    auditor: {} as any,
    catalog: {
      getEntityByRef: async () => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'shop',
          namespace: 'default',
          annotations: { 'golive.dev/repository-url': options.repositoryUrl },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      }),
    } as any,
    events: {
      publish: async (event: any) => void events.push(event),
      subscribe: async () => {},
    } as any,
    signals: {
      publish: async (signal: any) => void signals.push(signal),
    } as any,
    jobQueue,
    artifacts: await LocalArtifactStore.create({
      directory: join(options.dataDirectory, 'artifacts'),
    }),
    cipher: AesGcmSecretsCipher.create({ key: randomBytes(32) }),
    redis: DefaultRedisService.create({ config: undefined }),
    scmProviders: [],
    externalCi: [],
    ...options.services,
  });

  return {
    ...core,
    events,
    signals,
    lockDurationMs,
    /** Starts the worker, as the plugin's startup hook does. */
    async startWorker() {
      for (const hook of startupHooks) await hook();
    },
    /** Stops the worker and the queue, as a backend shutdown does. */
    async stop() {
      await jobQueue.close();
      await queueRedis.close();
    },
  };
}

function silentLogger(): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
