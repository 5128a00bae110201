import { InputError } from '@backstage/errors';
import type {
  PipelinesRepository,
  PipelinesScmEvent,
} from '@golive/plugin-pipelines-node';
import {
  fieldAt,
  optionalString,
  parseJsonObject,
  requireInteger,
  requireString,
} from '@golive/plugin-pipelines-node';

/** What a push event carries as the sha of a deleted branch or tag. */
const ZERO_SHA = '0000000000000000000000000000000000000000';

const PULL_REQUEST_ACTIONS: Record<
  string,
  Extract<PipelinesScmEvent, { type: 'pull_request' }>['action']
> = {
  'pullrequest:created': 'opened',
  'pullrequest:updated': 'synchronize',
  'pullrequest:fulfilled': 'closed',
  'pullrequest:rejected': 'closed',
};

/**
 * Turns a Bitbucket Cloud webhook body into the events GoLive acts on,
 * given the `X-Event-Key` header; an empty list for events it does not
 * handle.
 *
 * @throws InputError when the body is not JSON or lacks a needed field.
 */
export function parseBitbucketDelivery(
  eventKey: string | undefined,
  rawBody: Buffer,
): PipelinesScmEvent[] {
  const what = `Bitbucket '${eventKey}' delivery`;
  if (eventKey === 'repo:push') {
    return parsePush(parseJsonObject(rawBody, what), what);
  }
  const action = eventKey ? PULL_REQUEST_ACTIONS[eventKey] : undefined;
  if (action) {
    return [parsePullRequest(parseJsonObject(rawBody, what), action, what)];
  }
  return [];
}

function parsePush(body: unknown, what: string): PipelinesScmEvent[] {
  const changes = fieldAt(body, 'push.changes');
  if (!Array.isArray(changes)) {
    throw new InputError(`${what} lacks the list field 'push.changes'`);
  }
  const repository = parseRepository(body, what);
  const actor = parseActor(body, what);

  return changes.flatMap((change, index): PipelinesScmEvent[] => {
    const field = `push.changes.${index}`;
    const deleted =
      fieldAt(change, 'new') === null || fieldAt(change, 'closed') === true;
    // A deleted branch or tag is only named by its old state.
    const state = `${field}.${deleted ? 'old' : 'new'}`;
    const type = requireString(body, `${state}.type`, what);
    if (type !== 'branch' && type !== 'tag') {
      return [];
    }
    const name = requireString(body, `${state}.name`, what);

    return [
      {
        type: 'push',
        repository,
        ref: `refs/${type === 'branch' ? 'heads' : 'tags'}/${name}`,
        sha: deleted
          ? ZERO_SHA
          : requireString(body, `${field}.new.target.hash`, what),
        deleted,
        actor,
      },
    ];
  });
}

function parsePullRequest(
  body: unknown,
  action: Extract<PipelinesScmEvent, { type: 'pull_request' }>['action'],
  what: string,
): PipelinesScmEvent {
  const source = requireString(
    body,
    'pullrequest.source.repository.full_name',
    what,
  );
  const destination = requireString(
    body,
    'pullrequest.destination.repository.full_name',
    what,
  );

  return {
    type: 'pull_request',
    repository: parseRepository(body, what),
    action,
    number: requireInteger(body, 'pullrequest.id', what),
    // Bitbucket sends a 12-character hash here; the pipelines backend
    // expands it through BitbucketScmProvider.resolveRef before it reads
    // the pipeline, checks out or posts a status.
    sha: requireString(body, 'pullrequest.source.commit.hash', what),
    headRef: requireString(body, 'pullrequest.source.branch.name', what),
    baseRef: requireString(body, 'pullrequest.destination.branch.name', what),
    fromFork: source.toLowerCase() !== destination.toLowerCase(),
    actor: parseActor(body, what),
  };
}

function parseActor(body: unknown, what: string): string {
  return (
    optionalString(body, 'actor.nickname') ??
    requireString(body, 'actor.display_name', what)
  );
}

function parseRepository(body: unknown, what: string): PipelinesRepository {
  const slug = requireString(body, 'repository.full_name', what);
  const url = requireString(body, 'repository.links.html.href', what).replace(
    /\/+$/,
    '',
  );
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new InputError(`${what} has an invalid 'repository.links.html.href'`);
  }

  return {
    provider: 'bitbucket',
    host,
    slug,
    url,
    cloneUrl: `${url}.git`,
  };
}
