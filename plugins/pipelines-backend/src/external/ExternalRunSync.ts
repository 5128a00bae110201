import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PipelinesExternalCiProvider,
  PipelinesExternalSource,
} from '@golive/plugin-pipelines-node';
import type { DatabaseExternalRunStore } from './DatabaseExternalRunStore';

const PAGE_SIZE = 100;

/** Whether a provider serves an entity: it carries one of its annotations. */
export function servesEntity(
  provider: PipelinesExternalCiProvider,
  entity: Entity,
): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return provider.annotations.some(a => Boolean(annotations[a]));
}

/**
 * Keeps the runs table in step with external CI systems: for every
 * entity that carries a provider's annotations and every source of it,
 * pages through the runs newest first until it meets runs it already has
 * as finished (or the first-sync limit), and upserts them. A failing
 * source is retried with backoff and shows as unavailable meanwhile.
 */
export class ExternalRunSync {
  private readonly inFlight = new Map<string, Promise<boolean>>();

  private constructor(
    private readonly deps: {
      providers: PipelinesExternalCiProvider[];
      store: DatabaseExternalRunStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      maxRunsPerSource: number;
      initialBackoffMs: number;
      maxBackoffMs: number;
      /**
       * Called when a sync stored new or changed runs, with the ids of the
       * runs that were stored before and changed.
       */
      onChange?: (entityRef: string, updatedRunIds: string[]) => Promise<void>;
    },
  ) {}

  static create(
    deps: Omit<
      ExternalRunSync['deps'],
      'initialBackoffMs' | 'maxBackoffMs' | 'maxRunsPerSource'
    > & {
      maxRunsPerSource?: number;
      initialBackoffMs?: number;
      maxBackoffMs?: number;
    },
  ) {
    return new ExternalRunSync({
      maxRunsPerSource: 500,
      initialBackoffMs: 30_000,
      maxBackoffMs: 15 * 60 * 1000,
      ...deps,
    });
  }

  /** Syncs every entity of every provider, from the scheduler. */
  async syncAll(): Promise<void> {
    if (!this.deps.providers.length) return;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const annotations = [
      ...new Set(this.deps.providers.flatMap(p => p.annotations)),
    ];
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: annotations.map(a => ({
          [`metadata.annotations.${a}`]: CATALOG_FILTER_EXISTS,
        })),
      },
      { credentials },
    );
    for (const entity of items) {
      await this.syncEntity(entity, { respectBackoff: true });
    }
  }

  /** Syncs one entity by ref; false when it is unknown or not served. */
  async syncEntityRef(entityRef: string): Promise<boolean> {
    const running = this.inFlight.get(entityRef);
    if (running) return running;
    const work = (async () => {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const entity = await this.deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      return entity ? this.syncEntity(entity, { respectBackoff: true }) : false;
    })();
    this.inFlight.set(entityRef, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(entityRef);
    }
  }

  /** Syncs every source of an entity; true when any run changed. */
  async syncEntity(
    entity: Entity,
    options: { respectBackoff?: boolean } = {},
  ): Promise<boolean> {
    const entityRef = stringifyEntityRef(entity);
    let changed = 0;
    const updatedRunIds: string[] = [];
    // a source that started or stopped failing changes the runs list's alert
    let flipped = false;
    for (const provider of this.deps.providers) {
      if (!servesEntity(provider, entity)) continue;
      let sources: PipelinesExternalSource[];
      try {
        sources = provider.sourcesOf(entity);
      } catch (error) {
        this.deps.logger.warn('External sources of entity could not be read', {
          provider: provider.id,
          entityRef,
          error: String(error),
        });
        continue;
      }
      for (const source of sources) {
        const result = await this.syncSource(
          provider,
          entity,
          entityRef,
          source,
          {
            respectBackoff: options.respectBackoff ?? false,
          },
        );
        changed += result.changed;
        updatedRunIds.push(...result.updatedIds);
        flipped ||= result.flipped;
      }
    }
    if ((changed || flipped) && this.deps.onChange) {
      await this.deps.onChange(entityRef, updatedRunIds);
    }
    return changed > 0;
  }

  private async syncSource(
    provider: PipelinesExternalCiProvider,
    entity: Entity,
    entityRef: string,
    source: PipelinesExternalSource,
    options: { respectBackoff: boolean },
  ): Promise<{ changed: number; updatedIds: string[]; flipped: boolean }> {
    const { store, logger, maxRunsPerSource } = this.deps;
    const key = { provider: provider.id, entityRef };
    const state = await store.getSourceState({ ...key, sourceKey: source.key });
    if (
      options.respectBackoff &&
      state?.nextRetryAt &&
      Date.parse(state.nextRetryAt) > Date.now()
    ) {
      return { changed: 0, updatedIds: [], flipped: false };
    }

    let changed = 0;
    const updatedIds: string[] = [];
    let seen = 0;
    let cursor: string | undefined;
    let failed = false;
    try {
      do {
        const limit = Math.min(PAGE_SIZE, maxRunsPerSource - seen);
        const page = await provider.listRuns({ entity, source, limit, cursor });
        const stored = await store.upsertRuns(key, source, page.runs);
        changed += stored.changed;
        updatedIds.push(...stored.updatedIds);
        seen += page.runs.length;
        cursor = page.nextCursor;
        if (stored.metFinished || !page.runs.length) break;
      } while (cursor && seen < maxRunsPerSource);
      await store.recordSync(key, source, {});
    } catch (error) {
      failed = true;
      const failures = (state?.failures ?? 0) + 1;
      const delay = Math.min(
        this.deps.initialBackoffMs * 2 ** (failures - 1),
        this.deps.maxBackoffMs,
      );
      const nextRetryAt = new Date(Date.now() + delay).toISOString();
      const message = error instanceof Error ? error.message : String(error);
      await store.recordSync(key, source, { error: message, nextRetryAt });
      logger.warn('External runs could not be synced; retrying', {
        provider: provider.id,
        entityRef,
        source: source.key,
        failures,
        error: message,
      });
    }
    return {
      changed,
      updatedIds,
      flipped: failed !== Boolean(state?.lastError),
    };
  }
}
