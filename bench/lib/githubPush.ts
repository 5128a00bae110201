import { createHmac, randomUUID } from 'node:crypto';

/** One commit of a push, as the benchmark made it in its repository. */
export type PushedCommit = { sha: string; message: string; file: string };

const OWNER_ID = 91000;
const REPOSITORY_ID = 91001;
const SENDER = { login: 'bench-pusher', id: 91002 };

function account(login: string, id: number, type: 'User' | 'Organization') {
  return {
    name: login,
    email: null,
    login,
    id,
    node_id: Buffer.from(`${type}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `https://api.github.com/users/${login}`,
    html_url: `https://github.com/${login}`,
    type,
    site_admin: false,
  };
}

function commitOf(slug: string, commit: PushedCommit, timestamp: string) {
  return {
    id: commit.sha,
    tree_id: commit.sha.split('').reverse().join(''),
    distinct: true,
    message: commit.message,
    timestamp,
    url: `https://github.com/${slug}/commit/${commit.sha}`,
    author: { name: 'Bench', email: 'bench@example.com', username: 'bench' },
    committer: { name: 'Bench', email: 'bench@example.com', username: 'bench' },
    added: [],
    removed: [],
    modified: [commit.file],
  };
}

/**
 * The body of a `push` delivery of one commit to a branch, in the shape of
 * GitHub's documented webhook payload (repository, pusher, sender, commits,
 * head_commit and the ref fields), for a repository `owner/repo` on
 * github.com.
 */
export function githubPushPayload(options: {
  slug: string;
  branch: string;
  before: string;
  commit: PushedCommit;
}) {
  const { slug, branch, before, commit } = options;
  const [owner, name] = slug.split('/');
  const now = new Date();
  const timestamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pushedAt = Math.floor(now.getTime() / 1000);
  const head = commitOf(slug, commit, timestamp);
  return {
    ref: `refs/heads/${branch}`,
    before,
    after: commit.sha,
    repository: {
      id: REPOSITORY_ID,
      node_id: Buffer.from(`Repository${REPOSITORY_ID}`).toString('base64'),
      name,
      full_name: slug,
      private: true,
      owner: account(owner, OWNER_ID, 'Organization'),
      html_url: `https://github.com/${slug}`,
      description: 'Benchmark repository',
      fork: false,
      url: `https://github.com/${slug}`,
      git_url: `git://github.com/${slug}.git`,
      ssh_url: `git@github.com:${slug}.git`,
      clone_url: `https://github.com/${slug}.git`,
      svn_url: `https://github.com/${slug}`,
      homepage: null,
      size: 12,
      stargazers_count: 0,
      watchers_count: 0,
      language: 'Shell',
      has_issues: true,
      forks_count: 0,
      archived: false,
      disabled: false,
      open_issues_count: 0,
      visibility: 'private',
      default_branch: branch,
      master_branch: branch,
      organization: owner,
      created_at: pushedAt - 86_400,
      updated_at: timestamp,
      pushed_at: pushedAt,
    },
    pusher: { name: SENDER.login, email: 'bench@example.com' },
    organization: {
      login: owner,
      id: OWNER_ID,
      url: `https://api.github.com/orgs/${owner}`,
    },
    sender: account(SENDER.login, SENDER.id, 'User'),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${slug}/compare/${before.slice(
      0,
      12,
    )}...${commit.sha.slice(0, 12)}`,
    commits: [head],
    head_commit: head,
  };
}

/**
 * The headers GitHub sends with a delivery, signed with the webhook secret
 * (`X-Hub-Signature-256`: HMAC-SHA256 of the raw body).
 */
export function githubDeliveryHeaders(options: {
  event: string;
  body: string;
  secret: string;
  deliveryId?: string;
}): Record<string, string> {
  const signature = createHmac('sha256', options.secret)
    .update(options.body)
    .digest('hex');
  return {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/bench',
    'x-github-event': options.event,
    'x-github-delivery': options.deliveryId ?? randomUUID(),
    'x-github-hook-id': '91003',
    'x-github-hook-installation-target-type': 'repository',
    'x-github-hook-installation-target-id': String(REPOSITORY_ID),
    'x-hub-signature-256': `sha256=${signature}`,
  };
}
