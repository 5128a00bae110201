import { RunJob } from '@golive/plugin-pipelines-common';

/** Where one job sits in the graph. */
export interface JobNode {
  job: RunJob;
  column: number;
  row: number;
}

/** Jobs in columns by depth in the `needs` DAG, and the edges between them. */
export interface JobGraphLayout {
  nodes: JobNode[];
  edges: { from: JobNode; to: JobNode }[];
  columns: number;
  rows: number;
}

/**
 * Places each job one column right of the deepest job it needs. Matrix jobs
 * share a key, so an edge joins every job of the needed key.
 */
export function layoutJobGraph(jobs: RunJob[]): JobGraphLayout {
  const byKey = new Map<string, RunJob[]>();
  for (const job of jobs) {
    byKey.set(job.key, [...(byKey.get(job.key) ?? []), job]);
  }

  const depths = new Map<string, number>();
  const depthOf = (key: string, seen: Set<string>): number => {
    const known = depths.get(key);
    if (known !== undefined) {
      return known;
    }
    // The planner rejects cycles; guard anyway so a bad run cannot hang the page.
    if (seen.has(key)) {
      return 0;
    }
    seen.add(key);
    const needs = byKey.get(key)?.[0]?.needs ?? [];
    const depth = needs
      .filter(need => byKey.has(need))
      .reduce((max, need) => Math.max(max, depthOf(need, seen) + 1), 0);
    depths.set(key, depth);
    return depth;
  };

  const columns: RunJob[][] = [];
  for (const job of jobs) {
    const column = depthOf(job.key, new Set());
    (columns[column] ??= []).push(job);
  }

  const nodes: JobNode[] = [];
  const nodesByKey = new Map<string, JobNode[]>();
  columns.forEach((columnJobs, column) =>
    columnJobs.forEach((job, row) => {
      const node = { job, column, row };
      nodes.push(node);
      nodesByKey.set(job.key, [...(nodesByKey.get(job.key) ?? []), node]);
    }),
  );

  const edges = nodes.flatMap(to =>
    to.job.needs.flatMap(need =>
      (nodesByKey.get(need) ?? []).map(from => ({ from, to })),
    ),
  );

  return {
    nodes,
    edges,
    columns: columns.length,
    rows: Math.max(0, ...columns.map(c => c?.length ?? 0)),
  };
}
