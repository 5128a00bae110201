import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GitlabWebhookProvider } from './GitlabWebhookProvider';
import {
  MR_SHA,
  PUSH_SHA,
  ZERO_SHA,
  mergeRequestHook,
  pushHook,
  tagPushHook,
} from './__fixtures__/gitlabPayloads';

const TOKEN = 'hook-token-4f1c9a';

function provider(config: object = { gitlab: { webhookToken: TOKEN } }) {
  return GitlabWebhookProvider.fromConfig(
    new ConfigReader({ pipelines: config }),
  );
}

function delivery(
  event: string | undefined,
  body: unknown,
  headers: Record<string, string | undefined> = {},
) {
  return {
    headers: {
      'x-gitlab-event': event,
      'x-gitlab-token': TOKEN,
      'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e',
      ...headers,
    },
    rawBody: Buffer.from(
      typeof body === 'string' ? body : JSON.stringify(body),
    ),
  };
}

const repository = {
  provider: 'gitlab',
  host: 'gitlab.example.com',
  slug: 'acme/web/shop-web',
  url: 'https://gitlab.example.com/acme/web/shop-web',
  cloneUrl: 'https://gitlab.example.com/acme/web/shop-web.git',
};

describe('GitlabWebhookProvider', () => {
  describe('verify', () => {
    it('accepts the configured token', () => {
      expect(provider().verify(delivery('Push Hook', pushHook()))).toBe(true);
    });

    it('refuses a missing token', () => {
      const request = delivery('Push Hook', pushHook(), {
        'x-gitlab-token': undefined,
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses a wrong token of the same length', () => {
      const request = delivery('Push Hook', pushHook(), {
        'x-gitlab-token': 'hook-token-4f1c9b',
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses a truncated token', () => {
      const request = delivery('Push Hook', pushHook(), {
        'x-gitlab-token': TOKEN.slice(0, -1),
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses a token with extra characters', () => {
      const request = delivery('Push Hook', pushHook(), {
        'x-gitlab-token': `${TOKEN}x`,
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses every delivery when no token is configured', () => {
      const unconfigured = provider({});
      expect(unconfigured.isConfigured()).toBe(false);
      expect(unconfigured.verify(delivery('Push Hook', pushHook()))).toBe(
        false,
      );
      expect(
        unconfigured.verify(
          delivery('Push Hook', pushHook(), { 'x-gitlab-token': '' }),
        ),
      ).toBe(false);
      const blank = provider({ gitlab: { webhookToken: '  ' } });
      expect(blank.isConfigured()).toBe(false);
      expect(
        blank.verify(
          delivery('Push Hook', pushHook(), { 'x-gitlab-token': '  ' }),
        ),
      ).toBe(false);
    });
  });

  it('reads the delivery id and event name headers', () => {
    const request = delivery('Merge Request Hook', mergeRequestHook());
    expect(provider().deliveryId(request)).toBe(
      '13792a34-cac6-4fda-95a8-c58e00a3954e',
    );
    expect(provider().eventName(request)).toBe('Merge Request Hook');
    const bare = delivery(undefined, {}, { 'x-gitlab-event-uuid': undefined });
    expect(provider().deliveryId(bare)).toBeUndefined();
    expect(provider().eventName(bare)).toBeUndefined();
  });

  describe('parse', () => {
    it('reads a branch push', () => {
      expect(provider().parse(delivery('Push Hook', pushHook()))).toEqual([
        {
          type: 'push',
          repository,
          ref: 'refs/heads/main',
          sha: PUSH_SHA,
          deleted: false,
          actor: 'jdoe',
        },
      ]);
    });

    it('reads an annotated tag push as the commit the tag points at', () => {
      expect(
        provider().parse(delivery('Tag Push Hook', tagPushHook())),
      ).toEqual([
        {
          type: 'push',
          repository,
          ref: 'refs/tags/v1.2.0',
          sha: PUSH_SHA,
          deleted: false,
          actor: 'jdoe',
        },
      ]);
    });

    it('marks a deleted branch', () => {
      const body = pushHook({
        after: ZERO_SHA,
        checkout_sha: null,
        ref: 'refs/heads/feature/old',
        commits: [],
        total_commits_count: 0,
      });
      const [event] = provider().parse(delivery('Push Hook', body));
      expect(event).toMatchObject({
        type: 'push',
        ref: 'refs/heads/feature/old',
        deleted: true,
        sha: ZERO_SHA,
      });
    });

    it('marks a deleted tag', () => {
      const body = tagPushHook({ after: ZERO_SHA, checkout_sha: null });
      const [event] = provider().parse(delivery('Tag Push Hook', body));
      expect(event).toMatchObject({ ref: 'refs/tags/v1.2.0', deleted: true });
    });

    it('reads an opened merge request', () => {
      const [event] = provider().parse(
        delivery('Merge Request Hook', mergeRequestHook()),
      );
      expect(event).toEqual({
        type: 'pull_request',
        repository,
        action: 'opened',
        number: 12,
        sha: MR_SHA,
        headRef: 'feature/checkout',
        baseRef: 'main',
        fromFork: false,
        actor: 'jdoe',
      });
    });

    it.each([
      [{ action: 'update', oldrev: 'a'.repeat(40) }, 'synchronize'],
      [{ action: 'update' }, 'other'],
      [{ action: 'reopen' }, 'reopened'],
      [{ action: 'close', state: 'closed' }, 'closed'],
      [{ action: 'merge', state: 'merged' }, 'closed'],
      [{ action: 'approved' }, 'other'],
    ])('maps merge request attributes %j to %s', (attributes, action) => {
      const [event] = provider().parse(
        delivery('Merge Request Hook', mergeRequestHook(attributes)),
      );
      expect(event).toMatchObject({ type: 'pull_request', action });
    });

    it('marks a merge request from a fork', () => {
      const [event] = provider().parse(
        delivery(
          'Merge Request Hook',
          mergeRequestHook({ source_project_id: 77 }),
        ),
      );
      expect(event).toMatchObject({ fromFork: true });
    });

    it('reads pushes and merge requests sent by a system hook', () => {
      const events = [pushHook(), tagPushHook(), mergeRequestHook()].flatMap(
        body => provider().parse(delivery('System Hook', body)),
      );
      expect(events.map(e => e.type)).toEqual(['push', 'push', 'pull_request']);
      expect(events[1]).toMatchObject({ ref: 'refs/tags/v1.2.0' });
      expect(
        provider().parse(
          delivery('System Hook', { event_name: 'project_create' }),
        ),
      ).toEqual([]);
    });

    it('ignores events it does not handle', () => {
      for (const event of ['Note Hook', 'Pipeline Hook', 'Issue Hook']) {
        expect(provider().parse(delivery(event, { object_kind: 'x' }))).toEqual(
          [],
        );
      }
      expect(provider().parse(delivery(undefined, 'not json'))).toEqual([]);
    });

    it('throws InputError for a body that is not JSON', () => {
      expect(() =>
        provider().parse(delivery('Push Hook', '{"ref": "refs/heads/')),
      ).toThrow(
        new InputError("GitLab 'Push Hook' delivery body is not valid JSON"),
      );
      expect(() => provider().parse(delivery('Push Hook', '[1]'))).toThrow(
        InputError,
      );
    });

    it.each([
      ['Push Hook', pushHook({ ref: undefined }), 'ref'],
      [
        'Push Hook',
        pushHook({ project: { web_url: 'https://gitlab.example.com/a/b' } }),
        'project.path_with_namespace',
      ],
      ['Tag Push Hook', tagPushHook({ user_username: '' }), 'user_username'],
      [
        'Merge Request Hook',
        mergeRequestHook({ last_commit: undefined }),
        'object_attributes.last_commit.id',
      ],
      [
        'Merge Request Hook',
        mergeRequestHook({ iid: '12' }),
        'object_attributes.iid',
      ],
    ])(
      'throws InputError naming a missing field of %s',
      (event, body, field) => {
        expect(() => provider().parse(delivery(event, body))).toThrow(
          `lacks the ${
            field === 'object_attributes.iid' ? 'integer' : 'string'
          } field '${field}'`,
        );
      },
    );
  });
});
