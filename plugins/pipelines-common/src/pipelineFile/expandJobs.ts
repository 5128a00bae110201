import type { PipelineProblem } from '../api/types';
import { checkJobGraph } from './checkJobGraph';
import { expandMatrix } from './expandMatrix';
import { MAX_JOBS_PER_RUN } from './limits';
import { formatPipelinePath, PipelineIssue } from './pipelineIssue';
import type { PipelineFile, PlannedJob } from './types';

function tooMany(count: number): PipelineIssue {
  return {
    message: `The pipeline expands to ${count} jobs; a run may have at most ${MAX_JOBS_PER_RUN}`,
    path: ['jobs'],
  };
}

/** Keys in an order where every job comes after the jobs it needs. */
function topologicalOrder(pipeline: PipelineFile): string[] {
  const keys = Object.keys(pipeline.jobs);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < keys.length) {
    const next = keys.find(
      key =>
        !done.has(key) &&
        pipeline.jobs[key].needs.every(need => done.has(need)),
    )!;
    done.add(next);
    order.push(next);
  }
  return order;
}

/** {@link expandJobs} with problems that still carry their path segments. */
export function planJobs(pipeline: PipelineFile): {
  jobs: PlannedJob[];
  issues: PipelineIssue[];
} {
  const keys = Object.keys(pipeline.jobs);
  if (keys.length > MAX_JOBS_PER_RUN) {
    return { jobs: [], issues: [tooMany(keys.length)] };
  }
  const graphIssues = checkJobGraph(pipeline.jobs);
  if (graphIssues.length > 0) {
    return { jobs: [], issues: graphIssues };
  }

  const issues: PipelineIssue[] = [];
  const planned = new Map<string, PlannedJob[]>();
  for (const key of keys) {
    const job = pipeline.jobs[key];
    const base = { key, name: job.name, needs: job.needs, job };
    if (!job.matrix) {
      planned.set(key, [base]);
      continue;
    }
    const expanded = expandMatrix(job.matrix);
    if ('problem' in expanded) {
      issues.push({ message: expanded.problem, path: ['jobs', key, 'matrix'] });
      continue;
    }
    planned.set(
      key,
      expanded.combinations.map(matrix => {
        const values = Object.entries(matrix).map(([k, v]) => `${k}: ${v}`);
        return { ...base, name: `${job.name} (${values.join(', ')})`, matrix };
      }),
    );
  }

  const count = [...planned.values()].reduce((n, jobs) => n + jobs.length, 0);
  if (count > MAX_JOBS_PER_RUN) {
    issues.push(tooMany(count));
  }
  if (issues.length > 0) {
    return { jobs: [], issues };
  }
  const jobs = topologicalOrder(pipeline).flatMap(key => planned.get(key)!);
  return { jobs, issues };
}

/**
 * Plans the jobs of a run: one per job, or one per combination of its
 * matrix, ordered so that every job comes after the jobs it needs (file
 * order among jobs that are ready together).
 *
 * Problems: unknown or cyclic `needs`, a matrix that expands to nothing or
 * to too much, and more than {@link MAX_JOBS_PER_RUN} jobs. When there is
 * any problem, `jobs` is empty.
 *
 * @public
 */
export function expandJobs(pipeline: PipelineFile): {
  jobs: PlannedJob[];
  problems: PipelineProblem[];
} {
  const { jobs, issues } = planJobs(pipeline);
  return {
    jobs,
    problems: issues.map(({ message, path }) => ({
      message,
      path: formatPipelinePath(path),
    })),
  };
}
