import { matchesGlob } from './matchesGlob';
import type { PipelineFile } from './types';

function matchesAny(globs: string[], name: string): boolean {
  return globs.some(glob => matchesGlob(glob, name));
}

/**
 * Whether a push or pull request starts a run of the pipeline.
 *
 * A push gives its full ref: `refs/heads/<branch>` or `refs/tags/<tag>`
 * (a ref without `refs/` counts as a branch name; other refs never
 * match). Without `branches` and `tags` filters every push matches; with
 * only one of them, pushes of the other kind do not. A pull request matches
 * when its base branch (with or without `refs/heads/`) matches `branches`,
 * or always when there is no filter.
 *
 * @public
 */
export function matchesTrigger(
  pipeline: PipelineFile,
  event:
    | { type: 'push'; ref: string }
    | { type: 'pull_request'; baseBranch: string },
): boolean {
  if (event.type === 'pull_request') {
    const trigger = pipeline.on.pullRequest;
    const base = event.baseBranch.replace(/^refs\/heads\//, '');
    return (
      !!trigger && (!trigger.branches || matchesAny(trigger.branches, base))
    );
  }

  const trigger = pipeline.on.push;
  if (!trigger) {
    return false;
  }
  const { branches, tags } = trigger;
  let kind: 'branch' | 'tag';
  let name: string;
  if (event.ref.startsWith('refs/heads/')) {
    [kind, name] = ['branch', event.ref.slice('refs/heads/'.length)];
  } else if (event.ref.startsWith('refs/tags/')) {
    [kind, name] = ['tag', event.ref.slice('refs/tags/'.length)];
  } else if (!event.ref.startsWith('refs/')) {
    [kind, name] = ['branch', event.ref];
  } else {
    return false;
  }

  if (!branches && !tags) {
    return true;
  }
  const globs = kind === 'branch' ? branches : tags;
  return !!globs && matchesAny(globs, name);
}
