import { InputError } from '@backstage/errors';
import type {
  PipelinesRepository,
  PipelinesScmEvent,
} from '@golive/plugin-pipelines-node';
import { Json, PayloadReader, isObject } from './PayloadReader';

/**
 * Reads a push or pull_request payload (GitHub's documented webhook
 * shapes) into a pipelines event.
 *
 * @throws InputError naming the first missing or mistyped field.
 */
export function parseGithubEvent(
  event: 'push' | 'pull_request',
  payload: unknown,
): PipelinesScmEvent {
  if (!isObject(payload)) {
    throw new InputError(`GitHub '${event}' delivery is not a JSON object`);
  }
  const fields = new PayloadReader(event, payload);
  const repository = readRepository(fields);

  if (event === 'push') {
    const pusher =
      fields.optionalString('pusher.name') ??
      fields.optionalString('sender.login');
    if (!pusher) {
      throw fields.missing('pusher.name');
    }
    return {
      type: 'push',
      repository,
      ref: fields.string('ref'),
      sha: fields.string('after'),
      deleted: fields.optionalBoolean('deleted') ?? false,
      actor: pusher,
    };
  }

  const action = fields.string('action');
  const headRepo = fields.optionalObject('pull_request.head.repo');
  const baseRepo = fields.object('pull_request.base.repo');
  return {
    type: 'pull_request',
    repository,
    action: isKnownAction(action) ? action : 'other',
    number: fields.number('pull_request.number'),
    sha: fields.string('pull_request.head.sha'),
    headRef: fields.string('pull_request.head.ref'),
    baseRef: fields.string('pull_request.base.ref'),
    fromFork: isFork(headRepo, baseRepo),
    actor:
      fields.optionalString('sender.login') ??
      fields.string('pull_request.user.login'),
  };
}

function readRepository(fields: PayloadReader): PipelinesRepository {
  const url = fields.string('repository.html_url');
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new InputError(
      `GitHub '${fields.event}' delivery has a repository.html_url that is not a URL: '${url}'`,
    );
  }
  return {
    provider: 'github',
    host,
    slug: fields.string('repository.full_name'),
    url,
    cloneUrl: fields.string('repository.clone_url'),
  };
}

/**
 * A head in another repository than the base is a fork, and so is a head
 * whose repository is gone (GitHub sends `head.repo: null` then). A base
 * repository that is itself a fork of something (`fork: true` on both
 * sides, same id) is not: its own branches are trusted.
 */
function isFork(head: Json | undefined, base: Json): boolean {
  if (!head) {
    return true;
  }
  const headName = String(head.full_name ?? '').toLowerCase();
  const baseName = String(base.full_name ?? '').toLowerCase();
  if (!headName || headName !== baseName) {
    return true;
  }
  return head.id !== undefined && base.id !== undefined && head.id !== base.id;
}

const KNOWN_ACTIONS = ['opened', 'synchronize', 'reopened', 'closed'] as const;

function isKnownAction(
  action: string,
): action is (typeof KNOWN_ACTIONS)[number] {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}
