// Webhook bodies in the shapes Bitbucket Cloud documents under "Event
// payloads" (repo:push and pullrequest:*), trimmed of links GoLive does
// not read.

export const PUSH_SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
export const OLD_SHA = '95790bf891e76fee5e1747ab589903a6a1f80f22';
export const PR_SHORT_SHA = 'b83d6e391c22';

const actor = {
  display_name: 'Jane Doe',
  links: { html: { href: 'https://bitbucket.org/%7B6f1c%7D/' } },
  type: 'user',
  uuid: '{6f1c4d1e-8b7a-4a53-9e8e-0e0a7c2f1b11}',
  account_id: '557058:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  nickname: 'jdoe',
};

function repository(fullName = 'acme/shop-web') {
  const [workspace, name] = fullName.split('/');
  return {
    type: 'repository',
    full_name: fullName,
    links: {
      self: { href: `https://api.bitbucket.org/2.0/repositories/${fullName}` },
      html: { href: `https://bitbucket.org/${fullName}` },
      avatar: { href: `https://bytebucket.org/ravatar/%7B${name}%7D` },
    },
    name,
    scm: 'git',
    website: null,
    owner: { display_name: workspace, type: 'team', uuid: '{a1}' },
    workspace: {
      type: 'workspace',
      uuid: '{a1}',
      name: workspace,
      slug: workspace,
    },
    is_private: true,
    project: { type: 'project', key: 'SHOP', uuid: '{p1}', name: 'Shop' },
    uuid: '{r1}',
    parent: null,
  };
}

function refState(type: string, name: string, hash: string) {
  return {
    type,
    name,
    target: {
      type: 'commit',
      hash,
      date: '2026-12-03T10:57:26+00:00',
      author: { type: 'author', raw: 'Jane Doe <jdoe@example.com>' },
      message: 'Add the checkout page\n',
      parents: [{ type: 'commit', hash: OLD_SHA }],
    },
    links: {},
  };
}

/** One `push.changes[]` entry. */
export function change(options: {
  type?: string;
  name?: string;
  created?: boolean;
  closed?: boolean;
}) {
  const type = options.type ?? 'branch';
  const name = options.name ?? 'main';
  return {
    old: options.created ? null : refState(type, name, OLD_SHA),
    new: options.closed ? null : refState(type, name, PUSH_SHA),
    truncated: false,
    created: options.created ?? false,
    forced: false,
    closed: options.closed ?? false,
    links: {},
    commits: [],
  };
}

export function repoPush(changes: unknown[], overrides: object = {}) {
  return {
    push: { changes },
    repository: repository(),
    actor,
    ...overrides,
  };
}

export function pullRequest(
  options: {
    sourceRepository?: string;
    overrides?: Record<string, unknown>;
  } = {},
) {
  return {
    repository: repository(),
    actor,
    pullrequest: {
      comment_count: 0,
      task_count: 0,
      type: 'pullrequest',
      id: 7,
      title: 'Add the checkout page',
      description: 'Adds the checkout page',
      state: 'OPEN',
      draft: false,
      merge_commit: null,
      close_source_branch: true,
      closed_by: null,
      author: actor,
      reason: '',
      created_on: '2026-12-03T10:00:00.000000+00:00',
      updated_on: '2026-12-03T10:05:00.000000+00:00',
      destination: {
        branch: { name: 'main' },
        commit: { type: 'commit', hash: 'a1b2c3d4e5f6' },
        repository: repository(),
      },
      source: {
        branch: { name: 'feature/checkout' },
        commit: { type: 'commit', hash: PR_SHORT_SHA },
        repository: repository(options.sourceRepository),
      },
      reviewers: [],
      participants: [],
      links: {
        html: { href: 'https://bitbucket.org/acme/shop-web/pull-requests/7' },
      },
      ...options.overrides,
    },
  };
}
