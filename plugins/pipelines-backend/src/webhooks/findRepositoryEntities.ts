import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PipelinesRepository,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { REPOSITORY_URL_ANNOTATION } from '../planner/resolveRepository';

const SOURCE_LOCATION = 'backstage.io/source-location';

/** A repository address without scheme noise, `.git`, folder views or case. */
export function normalizeRepositoryUrl(url: string): string {
  return url
    .trim()
    .replace(/^url:/, '')
    .replace(/\/(tree|blob|src|-\/tree|-\/blob)\/.*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/^[a-z]+:\/\/(?:[^@/]+@)?/i, '')
    .toLowerCase();
}

/**
 * The catalog entities of a repository: those whose slug annotation (such
 * as `github.com/project-slug`) names it, and those whose
 * `backstage.io/source-location` or `golive.dev/repository-url` points at
 * it.
 */
export async function findRepositoryEntities(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  repository: PipelinesRepository;
  scmProviders: PipelinesScmProvider[];
}): Promise<Entity[]> {
  const { repository } = options;
  const slugAnnotations = new Set(
    options.scmProviders
      .filter(p => p.id === repository.provider && p.slugAnnotation)
      .map(p => p.slugAnnotation!),
  );
  // TODO(golive): source locations are compared in code, so every entity
  // with one is read per delivery; index normalized repository URLs once
  // catalogs grow past a few thousand entities.
  const filter: Record<string, string | symbol>[] = [
    ...[...slugAnnotations].map(a => ({
      [`metadata.annotations.${a}`]: repository.slug,
    })),
    { [`metadata.annotations.${SOURCE_LOCATION}`]: CATALOG_FILTER_EXISTS },
    {
      [`metadata.annotations.${REPOSITORY_URL_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
  ];
  const { items } = await options.catalog.getEntities(
    {
      filter,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials: options.credentials },
  );

  const wanted = new Set(
    [repository.url, repository.cloneUrl].map(normalizeRepositoryUrl),
  );
  return items.filter(entity => {
    const annotations = entity.metadata.annotations ?? {};
    for (const annotation of slugAnnotations) {
      if (annotations[annotation] === repository.slug) return true;
    }
    return [SOURCE_LOCATION, REPOSITORY_URL_ANNOTATION].some(name => {
      const value = annotations[name];
      return value !== undefined && wanted.has(normalizeRepositoryUrl(value));
    });
  });
}
