// Webhook bodies in the shapes GitLab documents under "Webhook events"
// (push, tag push and merge request events), trimmed of fields GoLive
// does not read only where GitLab itself omits them.

const project = {
  id: 15,
  name: 'Shop Web',
  description: 'Storefront',
  web_url: 'https://gitlab.example.com/acme/web/shop-web',
  avatar_url: null,
  git_ssh_url: 'git@gitlab.example.com:acme/web/shop-web.git',
  git_http_url: 'https://gitlab.example.com/acme/web/shop-web.git',
  namespace: 'web',
  visibility_level: 0,
  path_with_namespace: 'acme/web/shop-web',
  default_branch: 'main',
  ci_config_path: null,
  homepage: 'https://gitlab.example.com/acme/web/shop-web',
  url: 'git@gitlab.example.com:acme/web/shop-web.git',
  ssh_url: 'git@gitlab.example.com:acme/web/shop-web.git',
  http_url: 'https://gitlab.example.com/acme/web/shop-web.git',
};

const repository = {
  name: 'Shop Web',
  url: 'git@gitlab.example.com:acme/web/shop-web.git',
  description: 'Storefront',
  homepage: 'https://gitlab.example.com/acme/web/shop-web',
  git_http_url: 'https://gitlab.example.com/acme/web/shop-web.git',
  git_ssh_url: 'git@gitlab.example.com:acme/web/shop-web.git',
  visibility_level: 0,
};

export const PUSH_SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
export const BEFORE_SHA = '95790bf891e76fee5e1747ab589903a6a1f80f22';
export const TAG_OBJECT_SHA = '82b3d5ae55f7080f1e6022629cdb57bfae7cccc7';
export const ZERO_SHA = '0000000000000000000000000000000000000000';
export const MR_SHA = 'b83d6e391c22777fca1ed3012fce84f633d7fed0';

export function pushHook(overrides: Record<string, unknown> = {}) {
  return {
    object_kind: 'push',
    event_name: 'push',
    before: BEFORE_SHA,
    after: PUSH_SHA,
    ref: 'refs/heads/main',
    ref_protected: true,
    checkout_sha: PUSH_SHA,
    message: null,
    user_id: 4,
    user_name: 'Jane Doe',
    user_username: 'jdoe',
    user_email: '',
    user_avatar: 'https://gitlab.example.com/uploads/user/avatar/4/a.png',
    project_id: 15,
    project,
    commits: [
      {
        id: PUSH_SHA,
        message: 'Add the checkout page\n',
        title: 'Add the checkout page',
        timestamp: '2026-12-03T10:57:26+00:00',
        url: `https://gitlab.example.com/acme/web/shop-web/-/commit/${PUSH_SHA}`,
        author: { name: 'Jane Doe', email: 'jdoe@example.com' },
        added: ['src/checkout.ts'],
        modified: ['.golive/pipeline.yaml'],
        removed: [],
      },
    ],
    total_commits_count: 1,
    push_options: {},
    repository,
    ...overrides,
  };
}

export function tagPushHook(overrides: Record<string, unknown> = {}) {
  return {
    object_kind: 'tag_push',
    event_name: 'tag_push',
    before: ZERO_SHA,
    after: TAG_OBJECT_SHA,
    ref: 'refs/tags/v1.2.0',
    ref_protected: true,
    checkout_sha: PUSH_SHA,
    message: 'Release 1.2.0',
    user_id: 4,
    user_name: 'Jane Doe',
    user_username: 'jdoe',
    user_avatar: 'https://gitlab.example.com/uploads/user/avatar/4/a.png',
    project_id: 15,
    project,
    commits: [],
    total_commits_count: 0,
    push_options: {},
    repository,
    ...overrides,
  };
}

export function mergeRequestHook(
  attributes: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
) {
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: {
      id: 4,
      name: 'Jane Doe',
      username: 'jdoe',
      avatar_url: 'https://gitlab.example.com/uploads/user/avatar/4/a.png',
      email: '[REDACTED]',
    },
    project,
    object_attributes: {
      assignee_id: null,
      author_id: 4,
      created_at: '2026-12-03 10:00:00 UTC',
      description: 'Adds the checkout page',
      head_pipeline_id: null,
      id: 99,
      iid: 12,
      last_edited_at: null,
      merge_status: 'unchecked',
      source_branch: 'feature/checkout',
      source_project_id: 15,
      state: 'opened',
      target_branch: 'main',
      target_project_id: 15,
      title: 'Add the checkout page',
      updated_at: '2026-12-03 10:05:00 UTC',
      url: 'https://gitlab.example.com/acme/web/shop-web/-/merge_requests/12',
      source: project,
      target: project,
      last_commit: {
        id: MR_SHA,
        message: 'Add the checkout page\n',
        title: 'Add the checkout page',
        timestamp: '2026-12-03T10:04:00+00:00',
        url: `https://gitlab.example.com/acme/web/shop-web/-/commit/${MR_SHA}`,
        author: { name: 'Jane Doe', email: 'jdoe@example.com' },
      },
      work_in_progress: false,
      draft: false,
      action: 'open',
      ...attributes,
    },
    labels: [],
    changes: {},
    repository,
    ...overrides,
  };
}
