import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pipelinesRunReadPermission } from '@golive/plugin-pipelines-common';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import { toApiRun } from '../database/rows';
import type { LogReader } from '../service/logsRouter';
import { findLogExcerpt } from './findLogExcerpt';

/**
 * Registers the read-only actions of pipelines that the AI assistant and
 * MCP clients call. Each action reads with the caller's credentials and
 * checks `pipelines.run.read` on the run's entity.
 */
export function registerPipelinesActions(options: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  runs: DatabaseRunStore;
  jobs: DatabaseJobStore;
  logs: LogReader;
}) {
  const { actionsRegistry, permissions, runs, jobs, logs } = options;

  const canRead = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission: pipelinesRunReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  };

  // a run the caller may not read is reported as not found, so ids do not leak
  const readableRun = async (
    runId: string,
    credentials: BackstageCredentials,
  ) => {
    const run = await runs.getRun(runId);
    if (!run || !(await canRead(run.entityRef, credentials))) {
      throw new NotFoundError(`Run "${runId}" not found`);
    }
    return run;
  };

  actionsRegistry.register({
    name: 'get-pipeline-runs',
    title: 'Get pipeline runs',
    description:
      'Lists the most recent pipeline runs of a catalog entity, newest first, with status, trigger, actor, ref and commit sha.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity ref, e.g. component:default/shop'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('Most runs to return; default 10'),
        }),
      output: z =>
        z.object({
          runs: z.array(z.object({}).passthrough()),
          totalCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      if (!(await canRead(input.entityRef, credentials))) {
        throw new NotAllowedError(
          `Not allowed to read runs of "${input.entityRef}"`,
        );
      }
      const list = await runs.listRuns({
        entityRef: input.entityRef,
        limit: input.limit ?? 10,
      });
      return {
        output: {
          runs: list.items.map(run => json(toApiRun(run))),
          totalCount: list.totalCount,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-pipeline-run',
    title: 'Get a pipeline run',
    description:
      'Returns one pipeline run with its jobs and steps, their statuses, exit codes and durations.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ runId: z.string().describe('Id of the run') }),
      output: z => z.object({ run: z.object({}).passthrough() }),
    },
    action: async ({ input, credentials }) => {
      const run = await readableRun(input.runId, credentials);
      const runJobs = await jobs.listJobs(run.id);
      return { output: { run: json(toApiRun(run, runJobs)) } };
    },
  });

  actionsRegistry.register({
    name: 'get-pipeline-log-excerpt',
    title: 'Get the log excerpt of a failed pipeline job',
    description:
      'Returns the log lines around the first error of a run: the last 40 lines of the first failed step, or else the lines that mention an error or a failure. Without a job id, the first failed job of the run is used.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          runId: z.string().describe('Id of the run'),
          jobId: z.string().optional().describe('Id of a job of the run'),
        }),
      output: z =>
        z.object({
          jobId: z.string(),
          jobName: z.string(),
          stepName: z.string().optional(),
          source: z.enum(['failed-step', 'matching-lines', 'none']),
          lines: z.array(z.object({ seq: z.number(), text: z.string() })),
        }),
    },
    action: async ({ input, credentials }) => {
      const run = await readableRun(input.runId, credentials);
      const runJobs = await jobs.listJobs(run.id);
      const job = input.jobId
        ? runJobs.find(j => j.id === input.jobId)
        : runJobs.find(j => j.status === 'failed') ?? runJobs[0];
      if (!job) {
        throw new NotFoundError(
          `Job "${input.jobId ?? ''}" not found in run "${run.id}"`,
        );
      }
      return { output: await findLogExcerpt(job, logs) };
    },
  });
}

/** Drops undefined fields, so that the output is plain JSON. */
function json<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}
