import { NotFoundError } from '@backstage/errors';
import {
  LogLine,
  pipelinesRunReadPermission,
} from '@golive/plugin-pipelines-common';
import type { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import { FINISHED_JOB_STATUSES } from '../database/rows';
import { parseInput } from './parseInput';
import type { RouteContext } from './RouteContext';

/** What the log routes need of the log store (`DatabaseLogStore`). */
export interface LogReader {
  read(
    jobId: string,
    options: { after?: number; limit?: number; step?: number; search?: string },
  ): Promise<LogLine[]>;
  isTruncated(jobId: string): Promise<boolean>;
}

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10000).optional(),
  step: z.coerce.number().int().min(0).optional(),
  search: z.string().min(1).max(200).optional(),
});

/** Log routes of a job: pages, a live SSE stream and the full download. */
export function logsRouter(options: {
  ctx: RouteContext;
  jobs: DatabaseJobStore;
  logs: LogReader;
  streamHandler: (req: Request, res: Response, jobId: string) => Promise<void>;
}) {
  const { ctx, jobs, logs } = options;
  const router = Router();

  const jobFor = async (req: Request) => {
    const credentials = await ctx.credentials(req);
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesRunReadPermission,
      credentials,
    );
    const job = await jobs.getJob(req.params.jobId);
    if (!job || job.runId !== run.id) {
      throw new NotFoundError(`Job "${req.params.jobId}" not found`);
    }
    return job;
  };

  router.get('/runs/:runId/jobs/:jobId/logs', async (req, res) => {
    const query = parseInput(pageQuery, req.query, 'query');
    const job = await jobFor(req);
    const lines = await logs.read(job.id, {
      ...query,
      limit: query.limit ?? 1000,
    });
    res.json({
      lines,
      truncated: await logs.isTruncated(job.id),
      live: !FINISHED_JOB_STATUSES.includes(job.status),
    });
  });

  router.get('/runs/:runId/jobs/:jobId/logs/stream', async (req, res) => {
    const job = await jobFor(req);
    await options.streamHandler(req, res, job.id);
  });

  router.get('/runs/:runId/jobs/:jobId/logs/download', async (req, res) => {
    const job = await jobFor(req);
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('x-content-type-options', 'nosniff');
    res.attachment(`${job.key}-${job.id}.log`);
    let after = 0;
    for (;;) {
      const lines = await logs.read(job.id, { after, limit: 5000 });
      if (!lines.length) break;
      const text = lines.map(l => l.text.replace(/\n$/, '')).join('\n');
      res.write(`${text}\n`);
      after = lines[lines.length - 1].seq;
    }
    res.end();
  });

  return router;
}
