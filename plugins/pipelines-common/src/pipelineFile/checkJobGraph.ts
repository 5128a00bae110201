import { findNeedsCycles } from './findNeedsCycles';
import type { PipelineIssue, PipelinePath } from './pipelineIssue';

interface Need {
  key: string;
  path: PipelinePath;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `needs` of one job, tolerating values of the wrong shape. */
function readNeeds(jobKey: string, job: unknown): Need[] {
  const needs = isMap(job) ? job.needs : undefined;
  const path = ['jobs', jobKey, 'needs'];
  if (typeof needs === 'string') {
    return [{ key: needs, path }];
  }
  if (!Array.isArray(needs)) {
    return [];
  }
  return needs.flatMap((key, index) =>
    typeof key === 'string' ? [{ key, path: [...path, index] }] : [],
  );
}

/**
 * Checks the `needs` graph: every needed job exists and no jobs need each
 * other in a cycle. Works on a file whether or not the schema accepted it,
 * so that these problems are reported together with the others.
 */
export function checkJobGraph(jobs: unknown): PipelineIssue[] {
  if (!isMap(jobs)) {
    return [];
  }
  const issues: PipelineIssue[] = [];
  const needsByJob = new Map<string, Need[]>();
  for (const [key, job] of Object.entries(jobs)) {
    needsByJob.set(key, readNeeds(key, job));
  }

  const edges = new Map<string, string[]>();
  for (const [key, needs] of needsByJob) {
    for (const need of needs.filter(n => !needsByJob.has(n.key))) {
      issues.push({
        message: `Job "${key}" needs "${need.key}", which is not a job of this pipeline`,
        path: need.path,
      });
    }
    edges.set(
      key,
      needs.map(n => n.key).filter(k => needsByJob.has(k)),
    );
  }

  for (const cycle of findNeedsCycles(edges)) {
    const [start, closing] = [cycle[0], cycle[cycle.length - 2]];
    const need = needsByJob.get(start)!.find(n => n.key === closing)!;
    issues.push({
      message: `Jobs need each other in a cycle: ${cycle.join(' -> ')}`,
      path: need.path,
    });
  }
  return issues;
}
