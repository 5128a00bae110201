import type { ArtifactStore } from '@golive/platform-node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseSecretStore } from '../database/DatabaseSecretStore';
import type { RunPlanner } from '../planner/RunPlanner';
import type { JobCancellations } from '../worker/JobCancellations';
import { externalRunsRouter } from '../external/externalRunsRouter';
import type { ExternalRuns } from '../external/ExternalRuns';
import { artifactsRouter } from './artifactsRouter';
import { LogReader, logsRouter } from './logsRouter';
import { pipelineRouter } from './pipelineRouter';
import type { RouteContext } from './RouteContext';
import type { RunOrchestrator } from './RunOrchestrator';
import { runsRouter } from './runsRouter';
import { secretsRouter } from './secretsRouter';

/** The REST API of `src/api/routes.md` in pipelines-common. */
export function createRouter(options: {
  ctx: RouteContext;
  jobs: DatabaseJobStore;
  secrets: DatabaseSecretStore;
  planner: RunPlanner;
  orchestrator: RunOrchestrator;
  cancellations: JobCancellations;
  artifacts: ArtifactStore;
  logs: LogReader;
  streamHandler: (req: Request, res: Response, jobId: string) => Promise<void>;
  /** Webhook routes; mounted before the JSON parser to keep raw bodies. */
  webhooks?: express.Router;
  external?: ExternalRuns;
}) {
  const router = Router();
  if (options.webhooks) router.use(options.webhooks);
  router.use(express.json({ limit: '2mb' }));
  if (options.external) {
    router.use(
      externalRunsRouter({ ctx: options.ctx, external: options.external }),
    );
  }
  router.use(pipelineRouter(options));
  router.use(runsRouter(options));
  router.use(logsRouter(options));
  router.use(artifactsRouter(options));
  router.use(secretsRouter(options));
  return router;
}
