import { ConflictError } from '@backstage/errors';
import {
  pipelinesDeploymentApprovePermission,
  pipelinesRunCancelPermission,
  pipelinesRunCreatePermission,
  pipelinesRunReadPermission,
} from '@golive/plugin-pipelines-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { RunRecord } from '../database/types';
import { parseInput } from '../service/parseInput';
import type { RouteContext } from '../service/RouteContext';
import { readAllLines, streamExternalLog } from './externalLogLines';
import type { ExternalRuns } from './ExternalRuns';

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10000).optional(),
  step: z.coerce.number().int().min(0).optional(),
  search: z.string().min(1).max(200).optional(),
});

const sourcesQuery = z.object({ entityRef: z.string().min(1) });

/**
 * Routes of runs of external CI systems (see routes.md "External runs"),
 * mounted before the routes of own runs: a request about an own run is
 * passed on untouched.
 */
export function externalRunsRouter(options: {
  ctx: RouteContext;
  external: ExternalRuns;
}) {
  const { ctx, external } = options;
  const router = Router();

  /** The external run of the request, or undefined for an own run. */
  const externalRun = async (
    req: Request,
    permission = pipelinesRunReadPermission,
  ): Promise<RunRecord | undefined> => {
    const stored = await ctx.runs.getRun(req.params.runId);
    if (!stored?.provider) return undefined;
    const credentials = await ctx.credentials(req);
    return ctx.runFor(
      stored.id,
      permission,
      credentials,
      pipelinesRunReadPermission,
    );
  };

  router.get('/external-sources', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const { entityRef } = parseInput(sourcesQuery, req.query, 'query');
    await ctx.authorize(pipelinesRunReadPermission, entityRef, credentials);
    res.json({ items: await external.sources(entityRef) });
  });

  router.get('/runs/:runId', async (req, res) => {
    const run = await externalRun(req);
    if (!run) return 'next';
    res.json(await external.getRun(run));
    return undefined;
  });

  router.get('/runs/:runId/jobs/:jobId/logs', async (req, res) => {
    const run = await externalRun(req);
    if (!run) return 'next';
    const query = parseInput(pageQuery, req.query, 'query');
    const { lines, more } = await readAllLines(offset =>
      external.readLog(run, req.params.jobId, offset),
    );
    const search = query.search?.toLocaleLowerCase('en-US');
    const page = lines
      .filter(l => l.seq > (query.after ?? 0))
      .filter(
        l => !search || l.text.toLocaleLowerCase('en-US').includes(search),
      )
      .slice(0, query.limit ?? 1000);
    res.json({ lines: page, truncated: false, live: more });
    return undefined;
  });

  router.get('/runs/:runId/jobs/:jobId/logs/stream', async (req, res) => {
    const run = await externalRun(req);
    if (!run) return 'next';
    // check the provider answers before the stream starts, for a clear error
    await external.readLog(run, req.params.jobId, 0);
    await streamExternalLog(req, res, offset =>
      external.readLog(run, req.params.jobId, offset),
    );
    return undefined;
  });

  router.get('/runs/:runId/jobs/:jobId/logs/download', async (req, res) => {
    const run = await externalRun(req);
    if (!run) return 'next';
    const { lines } = await readAllLines(offset =>
      external.readLog(run, req.params.jobId, offset),
    );
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('x-content-type-options', 'nosniff');
    // external ids may hold slashes (Jenkins branch jobs: main/12)
    const name = `${run.provider}-${run.externalId}-${req.params.jobId}`;
    res.attachment(`${name.replace(/[^\w.-]+/g, '_')}.log`);
    res.end(lines.map(l => `${l.text}\n`).join(''));
    return undefined;
  });

  router.post('/runs/:runId/rerun', async (req, res) => {
    const run = await externalRun(req, pipelinesRunCreatePermission);
    if (!run) return 'next';
    const credentials = await ctx.credentials(req);
    const audit = await ctx.auditor.createEvent({
      eventId: 'run-trigger',
      severityLevel: 'medium',
      request: req,
      meta: { rerunOf: run.id, provider: run.provider },
    });
    try {
      await external.rerun(run, ctx.actorOf(credentials));
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    res.status(202).json({ accepted: true });
    return undefined;
  });

  router.post('/runs/:runId/cancel', async req => {
    const run = await externalRun(req, pipelinesRunCancelPermission);
    if (!run) return 'next';
    throw new ConflictError(
      `Run "${run.id}" runs in ${
        external.title(run.provider!) ?? run.provider
      }; cancel it there`,
    );
  });

  router.post('/runs/:runId/jobs/:jobId/approval', async req => {
    const run = await externalRun(req, pipelinesDeploymentApprovePermission);
    if (!run) return 'next';
    throw new ConflictError(`Run "${run.id}" has no GoLive approvals`);
  });

  return router;
}
