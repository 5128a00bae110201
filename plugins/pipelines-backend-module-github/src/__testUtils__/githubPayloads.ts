/**
 * Builders of GitHub REST objects in their documented shapes (trimmed to
 * the fields a client commonly reads), for the local GitHub server.
 */

export const OWNER = {
  login: 'acme',
  id: 1001,
  node_id: 'O_kgDOAAAD6Q',
  avatar_url: 'https://avatars.githubusercontent.com/u/1001?v=4',
  html_url: 'https://github.com/acme',
  type: 'Organization',
  site_admin: false,
};

export function user(login: string, id = 583231) {
  return {
    login,
    id,
    node_id: 'MDQ6VXNlcjU4MzIzMQ==',
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: `https://github.com/${login}`,
    type: 'User',
    site_admin: false,
  };
}

export function repository(
  baseUrl: string,
  slug: string,
  defaultBranch: string,
) {
  const [login, name] = slug.split('/');
  return {
    id: 501,
    node_id: 'R_kgDOAAAB9Q',
    name,
    full_name: slug,
    private: false,
    owner: { ...OWNER, login },
    html_url: `https://github.com/${slug}`,
    description: 'The shop front',
    fork: false,
    url: `${baseUrl}/repos/${slug}`,
    clone_url: `https://github.com/${slug}.git`,
    default_branch: defaultBranch,
    visibility: 'public',
    created_at: '2025-03-04T10:00:00Z',
    updated_at: '2026-11-30T09:12:44Z',
    pushed_at: '2026-12-01T09:12:44Z',
  };
}

export interface WorkflowSpec {
  id: number;
  name: string;
  path: string;
  state?: string;
}

export function workflow(baseUrl: string, slug: string, spec: WorkflowSpec) {
  return {
    id: spec.id,
    node_id: `W_kwDOAAAB9c4A${spec.id}`,
    name: spec.name,
    path: spec.path,
    state: spec.state ?? 'active',
    created_at: '2025-03-04T10:00:00.000Z',
    updated_at: '2026-10-01T08:00:00.000Z',
    url: `${baseUrl}/repos/${slug}/actions/workflows/${spec.id}`,
    html_url: `https://github.com/${slug}/blob/main/${spec.path}`,
    badge_url: `https://github.com/${slug}/workflows/${encodeURIComponent(
      spec.name,
    )}/badge.svg`,
  };
}

export interface RunSpec {
  id: number;
  workflowId: number;
  runNumber: number;
  event?: string;
  status?: string;
  conclusion?: string | null;
  headBranch?: string | null;
  headSha?: string;
  actor?: string;
  triggeringActor?: string;
  createdAt?: string;
  updatedAt?: string;
  runStartedAt?: string;
  runAttempt?: number;
}

export function workflowRun(
  baseUrl: string,
  slug: string,
  flow: WorkflowSpec,
  spec: RunSpec,
) {
  const actor = user(spec.actor ?? 'octocat');
  const api = `${baseUrl}/repos/${slug}/actions/runs/${spec.id}`;
  return {
    id: spec.id,
    name: flow.name,
    node_id: `WFR_kwLOAAAB9c${spec.id}`,
    head_branch: spec.headBranch === undefined ? 'main' : spec.headBranch,
    head_sha: spec.headSha ?? '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    path: flow.path,
    display_title: 'Add the checkout page',
    run_number: spec.runNumber,
    event: spec.event ?? 'push',
    status: spec.status ?? 'completed',
    conclusion: conclusionOf(spec.status ?? 'completed', spec.conclusion),
    workflow_id: flow.id,
    check_suite_id: 9000000000 + spec.id,
    url: api,
    html_url: `https://github.com/${slug}/actions/runs/${spec.id}`,
    pull_requests: [],
    created_at: spec.createdAt ?? '2026-12-01T09:20:11Z',
    updated_at: spec.updatedAt ?? '2026-12-01T09:24:40Z',
    actor,
    run_attempt: spec.runAttempt ?? 1,
    run_started_at:
      spec.runStartedAt ?? spec.createdAt ?? '2026-12-01T09:20:11Z',
    triggering_actor: spec.triggeringActor
      ? user(spec.triggeringActor, 99)
      : actor,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${baseUrl}/repos/${slug}/check-suites/${spec.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${baseUrl}/repos/${slug}/actions/workflows/${flow.id}`,
    head_commit: {
      id: spec.headSha ?? '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      tree_id: 'b4f6e3b2d3e5a4c1f0e9d8c7b6a5f4e3d2c1b0a9',
      message: 'Add the checkout page',
      timestamp: '2026-12-01T09:20:02Z',
      author: { name: 'Mona Octocat', email: 'octocat@github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    repository: { id: 501, name: slug.split('/')[1], full_name: slug },
    head_repository: { id: 501, name: slug.split('/')[1], full_name: slug },
  };
}

export interface StepSpec {
  name: string;
  status?: string;
  conclusion?: string | null;
  startedAt?: string;
  completedAt?: string | null;
}

export interface JobSpec {
  id: number;
  runId: number;
  name: string;
  status?: string;
  conclusion?: string | null;
  startedAt?: string;
  completedAt?: string | null;
  steps?: StepSpec[];
  log?: string;
}

export function workflowJob(baseUrl: string, slug: string, spec: JobSpec) {
  const status = spec.status ?? 'completed';
  return {
    id: spec.id,
    run_id: spec.runId,
    workflow_name: 'Build',
    head_branch: 'main',
    run_url: `${baseUrl}/repos/${slug}/actions/runs/${spec.runId}`,
    run_attempt: 1,
    node_id: `CR_kwDOAAAB9c8A${spec.id}`,
    head_sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    url: `${baseUrl}/repos/${slug}/actions/jobs/${spec.id}`,
    html_url: `https://github.com/${slug}/actions/runs/${spec.runId}/job/${spec.id}`,
    status,
    conclusion: conclusionOf(status, spec.conclusion),
    created_at: '2026-12-01T09:20:12Z',
    started_at: spec.startedAt ?? '2026-12-01T09:20:15Z',
    completed_at: completedAtOf(
      status,
      spec.completedAt,
      '2026-12-01T09:24:38Z',
    ),
    name: spec.name,
    steps: (spec.steps ?? []).map((step, i) => ({
      name: step.name,
      status: step.status ?? 'completed',
      conclusion: conclusionOf(step.status ?? 'completed', step.conclusion),
      number: i + 1,
      started_at: step.startedAt ?? '2026-12-01T09:20:16Z',
      completed_at: completedAtOf(
        step.status ?? 'completed',
        step.completedAt,
        '2026-12-01T09:20:20Z',
      ),
    })),
    check_run_url: `${baseUrl}/repos/${slug}/check-runs/${spec.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 12,
    runner_name: 'GitHub Actions 12',
    runner_group_id: 2,
    runner_group_name: 'GitHub Actions',
  };
}

/** GitHub sets a conclusion only on completed runs, jobs and steps. */
function conclusionOf(status: string, given: string | null | undefined) {
  if (given !== undefined) {
    return given;
  }
  return status === 'completed' ? 'success' : null;
}

function completedAtOf(
  status: string,
  given: string | null | undefined,
  fallback: string,
) {
  if (given !== undefined) {
    return given;
  }
  return status === 'completed' ? fallback : null;
}
