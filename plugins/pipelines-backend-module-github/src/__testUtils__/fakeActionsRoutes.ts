import { RunSpec, workflow, workflowJob, workflowRun } from './githubPayloads';
import { DOCS, RepositoryCall, json, notFound, paged } from './fakeGithubHttp';

/**
 * The GitHub Actions paths: workflows, runs, jobs, logs, re-runs and
 * dispatches. Answers and returns true when the call is one of them.
 */
export function fakeActionsRoutes(call: RepositoryCall): boolean {
  const { fake, slug, repo, rest, req, res } = call;
  const base = fake.baseUrl;
  const flowOf = (id: number) => repo.workflows.find(w => w.id === id)!;
  let p: RegExpExecArray | null;

  if (req.method === 'GET' && rest === '/actions/workflows') {
    const items = repo.workflows.map(w => workflow(base, slug, w));
    json(res, 200, { total_count: items.length, workflows: paged(req, items) });
    return true;
  }

  const runsOf = (runs: RunSpec[]) => {
    const items = runs.map(r =>
      workflowRun(base, slug, flowOf(r.workflowId), r),
    );
    json(res, 200, {
      total_count: items.length,
      workflow_runs: paged(req, items),
    });
  };
  if (req.method === 'GET' && rest === '/actions/runs') {
    runsOf(repo.runs);
    return true;
  }
  p = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest);
  if (req.method === 'GET' && p) {
    const flow = repo.workflows.find(
      w => String(w.id) === p![1] || w.path.endsWith(`/${p![1]}`),
    );
    if (!flow) {
      notFound(res);
      return true;
    }
    runsOf(repo.runs.filter(r => r.workflowId === flow.id));
    return true;
  }
  p = /^\/actions\/runs\/(\d+)(\/jobs|\/rerun)?$/.exec(rest);
  if (p) {
    const run = repo.runs.find(r => r.id === Number(p![1]));
    if (!run) {
      notFound(res);
      return true;
    }
    if (req.method === 'GET' && !p[2]) {
      json(res, 200, workflowRun(base, slug, flowOf(run.workflowId), run));
      return true;
    }
    if (req.method === 'GET' && p[2] === '/jobs') {
      const jobs = repo.jobs
        .filter(j => j.runId === run.id)
        .map(j => workflowJob(base, slug, j));
      json(res, 200, { total_count: jobs.length, jobs: paged(req, jobs) });
      return true;
    }
    if (req.method === 'POST' && p[2] === '/rerun') {
      if ((run.status ?? 'completed') !== 'completed') {
        json(res, 403, {
          message: 'This workflow is already running',
          documentation_url: DOCS,
        });
        return true;
      }
      fake.reruns.push({ slug, runId: run.id });
      json(res, 201, {});
      return true;
    }
  }
  p = /^\/actions\/jobs\/(\d+)(\/logs)?$/.exec(rest);
  if (p && req.method === 'GET') {
    const job = repo.jobs.find(j => j.id === Number(p![1]));
    if (!job) {
      notFound(res);
      return true;
    }
    if (!p[2]) {
      json(res, 200, workflowJob(base, slug, job));
      return true;
    }
    res.writeHead(302, {
      location: `${fake.blobUrl}/_blobs/jobs/${job.id}/logs?sig=job-${job.id}`,
    });
    res.end();
    return true;
  }
  p = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest);
  if (req.method === 'POST' && p) {
    const flow = repo.workflows.find(
      w => String(w.id) === p![1] || w.path.endsWith(`/${p![1]}`),
    );
    if (!flow) {
      notFound(res);
      return true;
    }
    if (!req.body?.ref || !repo.refs[req.body.ref]) {
      json(res, 422, {
        message: `No ref found for: ${req.body?.ref}`,
        documentation_url: DOCS,
      });
      return true;
    }
    fake.dispatches.push({ slug, workflowId: p[1], body: req.body });
    res.writeHead(204);
    res.end();
    return true;
  }
  return false;
}
