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

/** The `after` of a push that deleted its branch or tag. */
const ZERO_SHA = /^0+$/;

type MergeRequestAction = Extract<
  PipelinesScmEvent,
  { type: 'pull_request' }
>['action'];

/**
 * Turns a GitLab webhook body into the events GoLive acts on, given the
 * `X-Gitlab-Event` header; an empty list for events it does not handle.
 *
 * @throws InputError when the body is not JSON or lacks a needed field.
 */
export function parseGitlabDelivery(
  eventName: string | undefined,
  rawBody: Buffer,
): PipelinesScmEvent[] {
  const what = `GitLab '${eventName}' delivery`;
  switch (eventName) {
    case 'Push Hook':
    case 'Tag Push Hook':
      return [parsePush(parseJsonObject(rawBody, what), what)];
    case 'Merge Request Hook':
      return [parseMergeRequest(parseJsonObject(rawBody, what), what)];
    case 'System Hook':
      return parseSystemHook(parseJsonObject(rawBody, what), what);
    default:
      return [];
  }
}

/**
 * An instance-wide system hook sends the same bodies as project hooks for
 * pushes, tag pushes and merge requests, told apart by `object_kind`.
 */
function parseSystemHook(body: unknown, what: string): PipelinesScmEvent[] {
  switch (fieldAt(body, 'object_kind')) {
    case 'push':
    case 'tag_push':
      return [parsePush(body, what)];
    case 'merge_request':
      return [parseMergeRequest(body, what)];
    default:
      return [];
  }
}

function parsePush(body: unknown, what: string): PipelinesScmEvent {
  const ref = requireString(body, 'ref', what);
  const after = requireString(body, 'after', what);
  const deleted = ZERO_SHA.test(after);
  // An annotated tag's `after` is the tag object; `checkout_sha` is its
  // commit.
  const sha = deleted ? after : optionalString(body, 'checkout_sha') ?? after;

  return {
    type: 'push',
    repository: parseProject(body, what),
    ref,
    sha,
    deleted,
    actor: requireString(body, 'user_username', what),
  };
}

function parseMergeRequest(body: unknown, what: string): PipelinesScmEvent {
  const attributes = 'object_attributes';
  const sourceProject = requireInteger(
    body,
    `${attributes}.source_project_id`,
    what,
  );
  const targetProject = requireInteger(
    body,
    `${attributes}.target_project_id`,
    what,
  );

  return {
    type: 'pull_request',
    repository: parseProject(body, what),
    action: mergeRequestAction(body),
    number: requireInteger(body, `${attributes}.iid`, what),
    sha: requireString(body, `${attributes}.last_commit.id`, what),
    headRef: requireString(body, `${attributes}.source_branch`, what),
    baseRef: requireString(body, `${attributes}.target_branch`, what),
    fromFork: sourceProject !== targetProject,
    actor: requireString(body, 'user.username', what),
  };
}

function mergeRequestAction(body: unknown): MergeRequestAction {
  switch (fieldAt(body, 'object_attributes.action')) {
    case 'open':
      return 'opened';
    case 'reopen':
      return 'reopened';
    case 'close':
    case 'merge':
      return 'closed';
    case 'update':
      // GitLab sends `oldrev` only when the update pushed new commits; a
      // new title or label is an update too and must not start a run.
      return optionalString(body, 'object_attributes.oldrev')
        ? 'synchronize'
        : 'other';
    default:
      return 'other';
  }
}

function parseProject(body: unknown, what: string): PipelinesRepository {
  const url = requireString(body, 'project.web_url', what);
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new InputError(`${what} has an invalid 'project.web_url'`);
  }

  return {
    provider: 'gitlab',
    host,
    slug: requireString(body, 'project.path_with_namespace', what),
    url,
    cloneUrl: requireString(body, 'project.git_http_url', what),
  };
}
