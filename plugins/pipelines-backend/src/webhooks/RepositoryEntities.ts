import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PipelinesRepository,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import { REPOSITORY_URL_ANNOTATION } from '../planner/resolveRepository';

const SOURCE_LOCATION = 'backstage.io/source-location';

/** What a delivery needs of an entity. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

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
 * Finds the catalog entities of a repository: those whose slug annotation
 * (such as `github.com/project-slug`) names it, and those whose
 * `backstage.io/source-location` or `golive.dev/repository-url` points at
 * it.
 *
 * @remarks
 *
 * Slugs are matched by the catalog (an exact filter per delivery).
 * Addresses come in too many spellings for an exact filter (`url:` prefix,
 * `.git`, `/tree/<branch>/<folder>` views), so they are compared here,
 * against an index of every entity that has one. The index is built again
 * once it is `ttlMs` old (default one minute), and at once, at most every
 * `missRefreshMs` (default five seconds), when a delivery matches no entity:
 * a repository registered a moment ago is found by its first push; a new
 * entity of a repository that already has others, within the minute.
 */
export class RepositoryEntities {
  #index: { builtAt: number; byUrl: Map<string, Entity[]> } | undefined;
  #building: Promise<Map<string, Entity[]>> | undefined;

  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      scmProviders: PipelinesScmProvider[];
      ttlMs: number;
      missRefreshMs: number;
      clock: () => number;
    },
  ) {}

  static create(options: {
    catalog: CatalogService;
    scmProviders: PipelinesScmProvider[];
    ttlMs?: number;
    missRefreshMs?: number;
    clock?: () => number;
  }): RepositoryEntities {
    return new RepositoryEntities({
      ttlMs: 60_000,
      missRefreshMs: 5_000,
      clock: Date.now,
      ...options,
    });
  }

  async find(options: {
    credentials: BackstageCredentials;
    repository: PipelinesRepository;
  }): Promise<Entity[]> {
    const { repository, credentials } = options;
    const bySlug = await this.#bySlug(repository, credentials);
    const wanted = [repository.url, repository.cloneUrl].map(
      normalizeRepositoryUrl,
    );

    let byUrl = this.#lookup(await this.#fresh(credentials), wanted);
    const age = this.deps.clock() - (this.#index?.builtAt ?? 0);
    if (!bySlug.length && !byUrl.length && age >= this.deps.missRefreshMs) {
      byUrl = this.#lookup(await this.#rebuild(credentials), wanted);
    }

    const found = new Map<string, Entity>();
    for (const entity of [...bySlug, ...byUrl]) {
      found.set(stringifyEntityRef(entity), entity);
    }
    return [...found.values()];
  }

  async #bySlug(
    repository: PipelinesRepository,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const annotations = this.deps.scmProviders
      .filter(p => p.id === repository.provider && p.slugAnnotation)
      .map(p => p.slugAnnotation!);
    if (!annotations.length) return [];
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: [...new Set(annotations)].map(a => ({
          [`metadata.annotations.${a}`]: repository.slug,
        })),
        fields: FIELDS,
      },
      { credentials },
    );
    // the catalog compares case-insensitively; slugs are compared as given
    return items.filter(entity =>
      annotations.some(
        a => entity.metadata.annotations?.[a] === repository.slug,
      ),
    );
  }

  #lookup(byUrl: Map<string, Entity[]>, wanted: string[]): Entity[] {
    return [...new Set(wanted)].flatMap(url => byUrl.get(url) ?? []);
  }

  async #fresh(credentials: BackstageCredentials) {
    const index = this.#index;
    if (index && this.deps.clock() - index.builtAt < this.deps.ttlMs) {
      return index.byUrl;
    }
    return this.#rebuild(credentials);
  }

  /** Builds the index once, however many deliveries wait for it. */
  #rebuild(credentials: BackstageCredentials) {
    this.#building ??= this.#build(credentials).finally(() => {
      this.#building = undefined;
    });
    return this.#building;
  }

  async #build(credentials: BackstageCredentials) {
    const startedAt = this.deps.clock();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: [SOURCE_LOCATION, REPOSITORY_URL_ANNOTATION].map(name => ({
          [`metadata.annotations.${name}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: FIELDS,
      },
      { credentials },
    );
    const byUrl = new Map<string, Entity[]>();
    for (const entity of items) {
      const annotations = entity.metadata.annotations ?? {};
      const urls = new Set(
        [SOURCE_LOCATION, REPOSITORY_URL_ANNOTATION]
          .map(name => annotations[name])
          .filter((value): value is string => typeof value === 'string')
          .map(normalizeRepositoryUrl),
      );
      for (const url of urls) {
        byUrl.set(url, [...(byUrl.get(url) ?? []), entity]);
      }
    }
    this.#index = { builtAt: startedAt, byUrl };
    return byUrl;
  }
}
