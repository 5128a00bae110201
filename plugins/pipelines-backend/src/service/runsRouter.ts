import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  JobStatus,
  pipelinesDeploymentApprovePermission,
  pipelinesRunCancelPermission,
  pipelinesRunCreatePermission,
  pipelinesRunReadPermission,
} from '@golive/plugin-pipelines-common';
import Router from 'express-promise-router';
import type { ExternalRuns } from '../external/ExternalRuns';
import { triggerExternalRun } from '../external/triggerExternalRun';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import { toApiRun } from '../database/rows';
import type { RunPlanner } from '../planner/RunPlanner';
import type { JobCancellations } from '../worker/JobCancellations';
import {
  approvalBody,
  createRunBody,
  listRunsQuery,
  parseInput,
  rerunBody,
} from './parseInput';
import type { RouteContext } from './RouteContext';
import type { RunOrchestrator } from './RunOrchestrator';

/** Routes of runs: list, create, read, cancel, re-run and approvals. */
export function runsRouter(options: {
  ctx: RouteContext;
  jobs: DatabaseJobStore;
  planner: RunPlanner;
  orchestrator: RunOrchestrator;
  cancellations: JobCancellations;
  /** External CI runs; absent without providers. */
  external?: ExternalRuns;
}) {
  const { ctx, jobs, planner, orchestrator, cancellations, external } = options;
  const router = Router();

  const runWithJobs = async (runId: string) => {
    const run = (await ctx.runs.getRun(runId))!;
    return toApiRun(run, await jobs.listJobs(runId));
  };

  router.get('/runs', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const query = parseInput(listRunsQuery, req.query, 'query');
    let entityRefs: string[] | undefined;
    if (query.entityRef) {
      await ctx.authorize(
        pipelinesRunReadPermission,
        query.entityRef,
        credentials,
      );
    } else {
      entityRefs = await ctx.readableRefs(
        pipelinesRunReadPermission,
        credentials,
      );
    }
    const list = await ctx.runs.listRuns({ ...query, entityRefs });
    const items = list.items.map(run =>
      external ? external.toApi(run) : toApiRun(run),
    );
    if (!external?.installed) {
      res.json({ ...list, items });
      return;
    }
    if (query.entityRef) await external.syncSoon(query.entityRef);
    const providers = await external.statuses(query.entityRef);
    res.json({ ...list, items, providers });
  });

  router.post('/runs', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const body = parseInput(createRunBody, req.body, 'request body');
    await ctx.authorize(
      pipelinesRunCreatePermission,
      body.entityRef,
      credentials,
    );
    if (body.provider !== undefined || body.source !== undefined) {
      await triggerExternalRun({ ctx, external, req, body, credentials });
      res.status(202).json({ accepted: true });
      return;
    }

    const audit = await ctx.auditor.createEvent({
      eventId: 'run-trigger',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef: body.entityRef, ref: body.ref, sha: body.sha },
    });
    try {
      const run = await planner.createRun({
        ...body,
        trigger: credentials.principal.type === 'user' ? 'manual' : 'api',
        actor: ctx.actorOf(credentials),
        credentials,
      });
      await audit.success({ meta: { runId: run.id } });
      res.status(201).json(await runWithJobs(run.id));
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/runs/:runId', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesRunReadPermission,
      credentials,
    );
    res.json(await runWithJobs(run.id));
  });

  router.post('/runs/:runId/cancel', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesRunCancelPermission,
      credentials,
    );
    const audit = await ctx.auditor.createEvent({
      eventId: 'run-cancel',
      severityLevel: 'medium',
      request: req,
      meta: { runId: run.id, entityRef: run.entityRef },
    });
    try {
      await ctx.runs.requestCancel(run.id);
      for (const job of await jobs.listJobs(run.id)) {
        if (job.status === 'running') {
          await jobs.requestCancel(job.id);
          cancellations.cancel(job.id);
        }
      }
      await orchestrator.advance(run.id);
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    res.status(202).json(await runWithJobs(run.id));
  });

  router.post('/runs/:runId/rerun', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const body = parseInput(rerunBody, req.body, 'request body');
    const original = await ctx.runFor(
      req.params.runId,
      pipelinesRunCreatePermission,
      credentials,
    );
    if (!['succeeded', 'failed', 'cancelled'].includes(original.status)) {
      throw new ConflictError(`Run "${original.id}" has not finished`);
    }

    const keep = new Map<string, JobStatus>();
    if (body.failedOnly) {
      for (const job of await jobs.listJobs(original.id)) {
        if (job.status === 'succeeded') keep.set(job.name, job.status);
      }
    }
    const audit = await ctx.auditor.createEvent({
      eventId: 'run-trigger',
      severityLevel: 'medium',
      request: req,
      meta: { rerunOf: original.id, failedOnly: Boolean(body.failedOnly) },
    });
    try {
      const run = await planner.createRun({
        entityRef: original.entityRef,
        ref: original.ref,
        sha: original.sha,
        inputs: original.inputs,
        trigger: original.trigger,
        actor: ctx.actorOf(credentials),
        credentials,
        rerunOf: original.id,
        keep,
        fromFork: original.fromFork,
      });
      await audit.success({ meta: { runId: run.id } });
      res.status(201).json(await runWithJobs(run.id));
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/runs/:runId/jobs/:jobId/approval', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const body = parseInput(approvalBody, req.body, 'request body');
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesDeploymentApprovePermission,
      credentials,
    );
    const job = await jobs.getJob(req.params.jobId);
    if (!job || job.runId !== run.id) {
      throw new NotFoundError(`Job "${req.params.jobId}" not found`);
    }
    if (!job.approvalRequired) {
      throw new InputError(`Job "${job.id}" needs no approval`);
    }

    const audit = await ctx.auditor.createEvent({
      eventId: 'deployment-approval',
      severityLevel: 'high',
      request: req,
      meta: {
        runId: run.id,
        jobId: job.id,
        environment: job.environment,
        decision: body.decision,
      },
    });
    const decided = await jobs.setApproval(job.id, {
      decision: body.decision === 'approve' ? 'approved' : 'rejected',
      actor: ctx.actorOf(credentials),
      comment: body.comment,
    });
    if (!decided) {
      const error = new ConflictError(
        `Job "${job.id}" is not waiting for approval`,
      );
      await audit.fail({ error });
      throw error;
    }
    await audit.success();
    await orchestrator.advance(run.id);
    res.json(await runWithJobs(run.id));
  });

  return router;
}
