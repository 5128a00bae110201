import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { PipelinesWebhookRequest } from '@golive/plugin-pipelines-node';
import { GithubWebhookProvider } from './GithubWebhookProvider';

const SECRET = 'webhook-secret-for-tests';

function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '__fixtures__', `${name}.json`));
}

function delivery(
  event: string,
  body: Buffer,
  options: { secret?: string; signature?: string } = {},
): PipelinesWebhookRequest {
  const signature =
    options.signature ??
    `sha256=${createHmac('sha256', options.secret ?? SECRET)
      .update(body)
      .digest('hex')}`;
  return {
    headers: {
      'x-github-event': event,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signature,
      'content-type': 'application/json',
    },
    rawBody: body,
  };
}

const provider = GithubWebhookProvider.create({ secret: SECRET });

describe('GithubWebhookProvider', () => {
  describe('verify', () => {
    it("accepts GitHub's published test vector", () => {
      const vector = GithubWebhookProvider.create({
        secret: "It's a Secret to Everybody",
      });
      const request = {
        headers: {
          'x-hub-signature-256':
            'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
        rawBody: Buffer.from('Hello, World!'),
      };
      expect(vector.verify(request)).toBe(true);
      expect(
        vector.verify({ ...request, rawBody: Buffer.from('Hello, World?') }),
      ).toBe(false);
    });

    it('accepts a delivery signed with the configured secret', () => {
      expect(provider.verify(delivery('push', fixture('push')))).toBe(true);
    });

    it('refuses a missing signature', () => {
      const request = delivery('push', fixture('push'));
      delete request.headers['x-hub-signature-256'];
      expect(provider.verify(request)).toBe(false);
    });

    it('refuses a signature made with another secret', () => {
      expect(
        provider.verify(delivery('push', fixture('push'), { secret: 'other' })),
      ).toBe(false);
    });

    it('refuses a truncated signature', () => {
      const good = delivery('push', fixture('push')).headers[
        'x-hub-signature-256'
      ]!;
      for (const signature of [
        good.slice(0, -1),
        good.slice(0, -2),
        good.slice(0, 7),
        'sha256=',
      ]) {
        expect(
          provider.verify(delivery('push', fixture('push'), { signature })),
        ).toBe(false);
      }
    });

    it('refuses the SHA-1 header format and non-hex digests', () => {
      const body = fixture('push');
      const sha1 = createHmac('sha1', SECRET).update(body).digest('hex');
      expect(
        provider.verify(delivery('push', body, { signature: `sha1=${sha1}` })),
      ).toBe(false);
      expect(
        provider.verify(
          delivery('push', body, { signature: `sha256=${'z'.repeat(64)}` }),
        ),
      ).toBe(false);
    });

    it('refuses a body changed after signing', () => {
      const request = delivery('push', fixture('push'));
      const tampered = Buffer.from(
        request.rawBody
          .toString('utf8')
          .replace('refs/heads/main', 'refs/heads/evil'),
      );
      expect(provider.verify({ ...request, rawBody: tampered })).toBe(false);
    });

    it('refuses everything when no secret is configured', () => {
      const open = GithubWebhookProvider.fromConfig(new ConfigReader({}));
      expect(open.isConfigured()).toBe(false);
      expect(
        open.verify(delivery('push', fixture('push'), { secret: '' })),
      ).toBe(false);
      expect(GithubWebhookProvider.create({ secret: '' }).isConfigured()).toBe(
        false,
      );
    });

    it('reads the secret from pipelines.github.webhookSecret', () => {
      const configured = GithubWebhookProvider.fromConfig(
        new ConfigReader({ pipelines: { github: { webhookSecret: SECRET } } }),
      );
      expect(configured.isConfigured()).toBe(true);
      expect(configured.verify(delivery('push', fixture('push')))).toBe(true);
    });
  });

  describe('headers', () => {
    it('reads the delivery id and the event name', () => {
      const request = delivery('pull_request', fixture('pull_request-opened'));
      expect(provider.deliveryId(request)).toBe(
        '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      );
      expect(provider.eventName(request)).toBe('pull_request');
      expect(
        provider.deliveryId({ headers: {}, rawBody: Buffer.alloc(0) }),
      ).toBe(undefined);
    });
  });

  describe('parse', () => {
    const repository = {
      provider: 'github',
      host: 'github.com',
      slug: 'acme/shop',
      url: 'https://github.com/acme/shop',
      cloneUrl: 'https://github.com/acme/shop.git',
    };

    it('reads a branch push', () => {
      expect(provider.parse(delivery('push', fixture('push')))).toEqual([
        {
          type: 'push',
          repository,
          ref: 'refs/heads/main',
          sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
          deleted: false,
          actor: 'octocat',
        },
      ]);
    });

    it('reads a tag push', () => {
      const [event] = provider.parse(delivery('push', fixture('push-tag')));
      expect(event).toMatchObject({
        type: 'push',
        ref: 'refs/tags/v1.4.0',
        sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        deleted: false,
      });
    });

    it('marks a branch deletion as deleted', () => {
      const [event] = provider.parse(delivery('push', fixture('push-delete')));
      expect(event).toMatchObject({
        type: 'push',
        ref: 'refs/heads/feature/old-cart',
        sha: '0000000000000000000000000000000000000000',
        deleted: true,
      });
    });

    it('reads an opened pull request from the same repository', () => {
      expect(
        provider.parse(
          delivery('pull_request', fixture('pull_request-opened')),
        ),
      ).toEqual([
        {
          type: 'pull_request',
          repository,
          action: 'opened',
          number: 42,
          sha: 'c4f2a1e0b9d8c7f6e5d4c3b2a1f0e9d8c7b6a5f4',
          headRef: 'feature/checkout',
          baseRef: 'main',
          fromFork: false,
          actor: 'octocat',
        },
      ]);
    });

    it('marks a pull request from a fork', () => {
      const [event] = provider.parse(
        delivery('pull_request', fixture('pull_request-fork')),
      );
      expect(event).toMatchObject({
        type: 'pull_request',
        action: 'synchronize',
        number: 43,
        headRef: 'patch-1',
        fromFork: true,
        actor: 'mallory',
      });
    });

    it('treats a pull request whose head repository is gone as a fork', () => {
      const payload = JSON.parse(fixture('pull_request-opened').toString());
      payload.pull_request.head.repo = null;
      const [event] = provider.parse(
        delivery('pull_request', Buffer.from(JSON.stringify(payload))),
      );
      expect(event).toMatchObject({ fromFork: true });
    });

    it('trusts branches of a base repository that is itself a fork', () => {
      const payload = JSON.parse(fixture('pull_request-opened').toString());
      payload.pull_request.head.repo.fork = true;
      payload.pull_request.base.repo.fork = true;
      const [event] = provider.parse(
        delivery('pull_request', Buffer.from(JSON.stringify(payload))),
      );
      expect(event).toMatchObject({ fromFork: false });
    });

    it('reads closed and other pull request actions', () => {
      for (const [action, expected] of [
        ['closed', 'closed'],
        ['reopened', 'reopened'],
        ['labeled', 'other'],
        ['edited', 'other'],
      ]) {
        const payload = JSON.parse(fixture('pull_request-opened').toString());
        payload.action = action;
        const [event] = provider.parse(
          delivery('pull_request', Buffer.from(JSON.stringify(payload))),
        );
        expect(event).toMatchObject({ action: expected });
      }
    });

    it('ignores ping and other events', () => {
      expect(provider.parse(delivery('ping', fixture('ping')))).toEqual([]);
      expect(provider.parse(delivery('issues', Buffer.from('{}')))).toEqual([]);
      expect(
        provider.parse(delivery('workflow_run', Buffer.from('{}'))),
      ).toEqual([]);
      const noEvent = delivery('push', fixture('push'));
      delete noEvent.headers['x-github-event'];
      expect(provider.parse(noEvent)).toEqual([]);
    });

    it('throws InputError for a form-encoded delivery of any event', () => {
      const form = Buffer.from(
        `payload=${encodeURIComponent(fixture('ping').toString())}`,
      );
      expect(() => provider.parse(delivery('ping', form))).toThrow(
        "GitHub 'ping' delivery is not JSON (set the webhook's content type to application/json)",
      );
      expect(() => provider.parse(delivery('push', form))).toThrow(InputError);
    });

    it('throws InputError for a body that is not JSON', () => {
      expect(() =>
        provider.parse(delivery('push', Buffer.from('{"ref": '))),
      ).toThrow(InputError);
      expect(() =>
        provider.parse(delivery('push', Buffer.from('[1, 2]'))),
      ).toThrow("GitHub 'push' delivery is not a JSON object");
    });

    it.each([
      ['push', 'push', ['ref'], 'ref'],
      ['push', 'push', ['after'], 'after'],
      ['push', 'push', ['repository', 'full_name'], 'repository.full_name'],
      ['push', 'push', ['repository', 'html_url'], 'repository.html_url'],
      ['push', 'push', ['repository', 'clone_url'], 'repository.clone_url'],
      [
        'pull_request',
        'pull_request-opened',
        ['pull_request', 'head', 'sha'],
        'pull_request.head.sha',
      ],
      [
        'pull_request',
        'pull_request-opened',
        ['pull_request', 'base', 'ref'],
        'pull_request.base.ref',
      ],
      [
        'pull_request',
        'pull_request-opened',
        ['pull_request', 'number'],
        'pull_request.number',
      ],
      ['pull_request', 'pull_request-opened', ['action'], 'action'],
    ])(
      'names the missing field of a %s delivery (%s without %j)',
      (event, name, path, field) => {
        const payload = JSON.parse(fixture(name).toString());
        let parent = payload;
        for (const key of path.slice(0, -1)) {
          parent = parent[key];
        }
        delete parent[path[path.length - 1]];
        expect(() =>
          provider.parse(delivery(event, Buffer.from(JSON.stringify(payload)))),
        ).toThrow(
          new InputError(
            `GitHub '${event}' delivery lacks ${field} (${
              field === 'pull_request.number' ? 'an integer' : 'a string'
            })`,
          ),
        );
      },
    );

    it('throws InputError for a push without pusher or sender', () => {
      const payload = JSON.parse(fixture('push').toString());
      delete payload.pusher;
      delete payload.sender;
      expect(() =>
        provider.parse(delivery('push', Buffer.from(JSON.stringify(payload)))),
      ).toThrow('lacks pusher.name');
    });

    it('throws InputError for a mistyped deleted flag', () => {
      const payload = JSON.parse(fixture('push').toString());
      payload.deleted = 'yes';
      expect(() =>
        provider.parse(delivery('push', Buffer.from(JSON.stringify(payload)))),
      ).toThrow('lacks deleted (true or false)');
    });
  });
});
