import type { Entity } from '@backstage/catalog-model';
import type { PipelinesScmProvider } from '@golive/plugin-pipelines-node';
import { isAbsolute, resolve } from 'node:path';

/** Annotation with the repository of an entity's pipeline (GoLive's own). */
export const REPOSITORY_URL_ANNOTATION = 'golive.dev/repository-url';
/** Annotation with the path of the pipeline file in the repository. */
export const PIPELINE_PATH_ANNOTATION = 'golive.dev/pipeline-path';
export const DEFAULT_PIPELINE_PATH = '.golive/pipeline.yaml';

/**
 * Finds where an entity's pipeline lives. A relative local path in
 * `golive.dev/repository-url` is taken from `golive.dataDirectory`, so a
 * catalog file can point at the demo repositories wherever the data folder
 * is. Without it or a source location, a slug annotation of an SCM
 * provider (`github.com/project-slug` and its siblings) names the
 * repository.
 */
export function resolveRepository(
  entity: Entity,
  dataDirectory: string,
  scmProviders: PipelinesScmProvider[] = [],
): { repositoryUrl: string; pipelinePath: string } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const pipelinePath =
    annotations[PIPELINE_PATH_ANNOTATION] || DEFAULT_PIPELINE_PATH;

  const explicit = annotations[REPOSITORY_URL_ANNOTATION]?.trim();
  if (explicit) {
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(explicit);
    const repositoryUrl =
      isUrl || isAbsolute(explicit)
        ? explicit
        : resolve(dataDirectory, explicit);
    return { repositoryUrl, pipelinePath };
  }

  const source = annotations['backstage.io/source-location']?.trim();
  if (source) {
    let repositoryUrl = source.replace(/^url:/, '');
    // a source location often points at a folder view: keep the repository
    repositoryUrl = repositoryUrl.replace(/\/(tree|blob)\/[^]*$/, '');
    return { repositoryUrl, pipelinePath };
  }

  for (const provider of scmProviders) {
    const slug = provider.slugAnnotation
      ? annotations[provider.slugAnnotation]?.trim()
      : undefined;
    if (slug && provider.repositoryUrlFromSlug) {
      return {
        repositoryUrl: provider.repositoryUrlFromSlug(slug),
        pipelinePath,
      };
    }
  }
  return undefined;
}
