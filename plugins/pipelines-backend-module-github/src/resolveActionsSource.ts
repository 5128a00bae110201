import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { PipelinesExternalSource } from '@golive/plugin-pipelines-node';
import { minimatch } from 'minimatch';
import { parseSlug, tryParseRepositoryUrl } from './parseRepositoryUrl';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const WORKFLOWS_ANNOTATION = 'golive.dev/github-workflows';
const REPOSITORY_URL_ANNOTATION = 'golive.dev/repository-url';
const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

/** The GitHub Actions side of one entity. */
export interface ActionsSource {
  host: string;
  owner: string;
  repo: string;
  slug: string;
  /**
   * Workflow patterns from `golive.dev/github-workflows`; undefined means
   * every workflow of the repository.
   */
  patterns?: string[];
}

/**
 * Reads an entity's repository and workflow selection. The host is
 * github.com unless the entity's repository URL or source location names
 * the same repository on another configured GitHub host (Enterprise).
 *
 * @returns undefined when the entity has no `github.com/project-slug`.
 * @throws InputError naming the entity when an annotation is malformed.
 */
export function resolveActionsSource(
  entity: Entity,
  hasHost: (host: string) => boolean,
): ActionsSource | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const slugValue = annotations[PROJECT_SLUG_ANNOTATION];
  if (!slugValue) {
    return undefined;
  }

  let slug: { owner: string; repo: string };
  try {
    slug = parseSlug(slugValue);
  } catch (error) {
    throw new InputError(
      `Entity '${stringifyEntityRef(
        entity,
      )}' has a bad ${PROJECT_SLUG_ANNOTATION}: ${(error as Error).message}`,
    );
  }
  const full = `${slug.owner}/${slug.repo}`;

  let host = 'github.com';
  for (const key of [REPOSITORY_URL_ANNOTATION, SOURCE_LOCATION_ANNOTATION]) {
    const value = annotations[key]?.replace(/^url:/, '');
    const location = value ? tryParseRepositoryUrl(value) : undefined;
    if (
      location &&
      location.slug.toLowerCase() === full.toLowerCase() &&
      hasHost(location.host)
    ) {
      host = location.host;
      break;
    }
  }

  const patterns = annotations[WORKFLOWS_ANNOTATION]?.split(',')
    .map(p => p.trim())
    .filter(Boolean);
  if (annotations[WORKFLOWS_ANNOTATION] !== undefined && !patterns?.length) {
    throw new InputError(
      `Entity '${stringifyEntityRef(
        entity,
      )}' has an empty ${WORKFLOWS_ANNOTATION}; list workflow files such as build.yml`,
    );
  }

  return { host, ...slug, slug: full, patterns };
}

/** The source that `sourcesOf` reports for an entity. */
export function toExternalSource(
  source: ActionsSource,
): PipelinesExternalSource {
  return {
    key: source.slug,
    label: source.patterns
      ? `${source.slug} (${source.patterns.join(', ')})`
      : source.slug,
    url: `https://${source.host}/${source.slug}/actions`,
  };
}

/**
 * Whether a workflow file belongs to the source: a pattern with a slash is
 * matched against the whole path (`.github/workflows/web-*.yml`), one
 * without against the file name (`build.yml`, `web-*.yml`).
 */
export function selectsWorkflow(source: ActionsSource, path: string): boolean {
  if (!source.patterns) {
    return true;
  }
  const fileName = path.split('/').pop() ?? path;
  return source.patterns.some(pattern =>
    pattern.includes('/')
      ? minimatch(path, pattern, { dot: true })
      : minimatch(fileName, pattern, { dot: true }),
  );
}
