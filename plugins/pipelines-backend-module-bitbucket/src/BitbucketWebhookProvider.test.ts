import { createHmac } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { BitbucketWebhookProvider } from './BitbucketWebhookProvider';
import {
  PR_SHORT_SHA,
  PUSH_SHA,
  change,
  pullRequest,
  repoPush,
} from './__fixtures__/bitbucketPayloads';

const SECRET = "It's a Secret to Everybody";

function provider(config: object = { bitbucket: { webhookSecret: SECRET } }) {
  return BitbucketWebhookProvider.fromConfig(
    new ConfigReader({ pipelines: config }),
  );
}

function sign(body: Buffer, secret = SECRET) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function delivery(
  event: string | undefined,
  body: unknown,
  headers: Record<string, string | undefined> = {},
) {
  const rawBody = Buffer.from(
    typeof body === 'string' ? body : JSON.stringify(body),
  );
  return {
    headers: {
      'x-event-key': event,
      'x-request-uuid': 'c3a1e8f0-6b2d-4c1e-9f3a-2b7d4e5f6a7b',
      'x-hub-signature': sign(rawBody),
      ...headers,
    },
    rawBody,
  };
}

const repository = {
  provider: 'bitbucket',
  host: 'bitbucket.org',
  slug: 'acme/shop-web',
  url: 'https://bitbucket.org/acme/shop-web',
  cloneUrl: 'https://bitbucket.org/acme/shop-web.git',
};

describe('BitbucketWebhookProvider', () => {
  describe('verify', () => {
    it('accepts a signature computed independently (openssl)', () => {
      const rawBody = Buffer.from(
        '{"push":{"changes":[]},"actor":{"nickname":"jdoe"}}',
      );
      const request = {
        headers: {
          'x-hub-signature':
            'sha256=845d039b5c356cf6f9502f86772a7c18020cb52bff6c9710136871addf5c973b',
        },
        rawBody,
      };
      expect(provider().verify(request)).toBe(true);
      expect(provider().isConfigured()).toBe(true);
    });

    it('accepts the signature of the exact body', () => {
      expect(provider().verify(delivery('repo:push', repoPush([])))).toBe(true);
    });

    it('refuses a missing signature', () => {
      const request = delivery('repo:push', repoPush([]), {
        'x-hub-signature': undefined,
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses a signature made with another secret', () => {
      const body = repoPush([]);
      const request = delivery('repo:push', body, {
        'x-hub-signature': sign(Buffer.from(JSON.stringify(body)), 'other'),
      });
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses a signature of another body', () => {
      const request = delivery('repo:push', repoPush([]));
      request.rawBody = Buffer.from(`${request.rawBody.toString()} `);
      expect(provider().verify(request)).toBe(false);
    });

    it('refuses truncated and malformed signatures', () => {
      const request = delivery('repo:push', repoPush([]));
      const good = request.headers['x-hub-signature']!;
      for (const bad of [
        good.slice(0, -2),
        good.slice('sha256='.length),
        `sha1=${good.slice('sha256='.length)}`,
        'sha256=',
        `${good}00`,
      ]) {
        request.headers['x-hub-signature'] = bad;
        expect(provider().verify(request)).toBe(false);
      }
    });

    it('refuses every delivery when no secret is configured', () => {
      for (const config of [{}, { bitbucket: { webhookSecret: ' ' } }]) {
        const unconfigured = provider(config);
        expect(unconfigured.isConfigured()).toBe(false);
        expect(unconfigured.verify(delivery('repo:push', repoPush([])))).toBe(
          false,
        );
      }
    });
  });

  it('reads the delivery id and event key headers', () => {
    const request = delivery('pullrequest:created', pullRequest());
    expect(provider().deliveryId(request)).toBe(
      'c3a1e8f0-6b2d-4c1e-9f3a-2b7d4e5f6a7b',
    );
    expect(provider().eventName(request)).toBe('pullrequest:created');
    const bare = delivery(undefined, {}, { 'x-request-uuid': undefined });
    expect(provider().deliveryId(bare)).toBeUndefined();
    expect(provider().eventName(bare)).toBeUndefined();
  });

  describe('parse', () => {
    it('reads a branch push', () => {
      expect(
        provider().parse(delivery('repo:push', repoPush([change({})]))),
      ).toEqual([
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

    it('reads every change of a push, tags included', () => {
      const body = repoPush([
        change({ name: 'feature/checkout', created: true }),
        change({ type: 'tag', name: 'v1.2.0', created: true }),
      ]);
      expect(
        provider()
          .parse(delivery('repo:push', body))
          .map(e => e.type === 'push' && [e.ref, e.sha, e.deleted]),
      ).toEqual([
        ['refs/heads/feature/checkout', PUSH_SHA, false],
        ['refs/tags/v1.2.0', PUSH_SHA, false],
      ]);
    });

    it('marks deleted branches and tags', () => {
      const body = repoPush([
        change({ name: 'feature/old', closed: true }),
        change({ type: 'tag', name: 'v0.9.0', closed: true }),
      ]);
      expect(
        provider()
          .parse(delivery('repo:push', body))
          .map(e => e.type === 'push' && [e.ref, e.deleted]),
      ).toEqual([
        ['refs/heads/feature/old', true],
        ['refs/tags/v0.9.0', true],
      ]);
    });

    it('falls back to the display name of an actor without a nickname', () => {
      const body = repoPush([change({})], {
        actor: { display_name: 'Build Bot', type: 'app_user' },
      });
      const [event] = provider().parse(delivery('repo:push', body));
      expect(event.actor).toBe('Build Bot');
    });

    it.each([
      ['pullrequest:created', 'opened'],
      ['pullrequest:updated', 'synchronize'],
      ['pullrequest:fulfilled', 'closed'],
      ['pullrequest:rejected', 'closed'],
    ])('reads %s as %s', (event, action) => {
      expect(provider().parse(delivery(event, pullRequest()))).toEqual([
        {
          type: 'pull_request',
          repository,
          action,
          number: 7,
          sha: PR_SHORT_SHA,
          headRef: 'feature/checkout',
          baseRef: 'main',
          fromFork: false,
          actor: 'jdoe',
        },
      ]);
    });

    it('marks a pull request from a fork', () => {
      const body = pullRequest({ sourceRepository: 'jdoe/shop-web' });
      const [event] = provider().parse(delivery('pullrequest:created', body));
      expect(event).toMatchObject({ fromFork: true });
    });

    it('ignores events it does not handle', () => {
      for (const event of [
        'repo:commit_status_updated',
        'pullrequest:approved',
        'pullrequest:comment_created',
        'issue:created',
      ]) {
        expect(provider().parse(delivery(event, pullRequest()))).toEqual([]);
      }
      expect(provider().parse(delivery(undefined, 'not json'))).toEqual([]);
    });

    it('throws InputError for a body that is not JSON', () => {
      expect(() =>
        provider().parse(delivery('repo:push', '{"push": {"changes"')),
      ).toThrow(
        new InputError("Bitbucket 'repo:push' delivery body is not valid JSON"),
      );
      expect(() =>
        provider().parse(delivery('pullrequest:created', 'null')),
      ).toThrow(InputError);
    });

    it.each([
      ['repo:push', repoPush([change({})], { push: {} }), 'push.changes'],
      [
        'repo:push',
        repoPush([{ ...change({}), new: { type: 'branch', name: 'main' } }]),
        'push.changes.0.new.target.hash',
      ],
      [
        'repo:push',
        repoPush([change({})], { repository: { full_name: 'acme/x' } }),
        'repository.links.html.href',
      ],
      [
        'pullrequest:created',
        pullRequest({ overrides: { source: { branch: { name: 'x' } } } }),
        'pullrequest.source.repository.full_name',
      ],
      [
        'pullrequest:updated',
        pullRequest({ overrides: { id: undefined } }),
        'pullrequest.id',
      ],
      [
        'pullrequest:created',
        { ...pullRequest(), actor: { type: 'user' } },
        'actor.display_name',
      ],
    ])(
      'throws InputError naming a missing field of %s',
      (event, body, field) => {
        const parse = () => provider().parse(delivery(event, body));
        expect(parse).toThrow(InputError);
        expect(parse).toThrow(`field '${field}'`);
      },
    );
  });
});
