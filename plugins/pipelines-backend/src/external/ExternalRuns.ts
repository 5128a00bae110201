import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ExternalSourceSummary,
  ProviderStatus,
  Run,
} from '@golive/plugin-pipelines-common';
import type {
  PipelinesExternalCiProvider,
  PipelinesExternalLogChunk,
  PipelinesExternalSource,
} from '@golive/plugin-pipelines-node';
import { toApiRun } from '../database/rows';
import type { RunRecord } from '../database/types';
import type { DatabaseExternalRunStore } from './DatabaseExternalRunStore';
import { ExternalRunSync, servesEntity } from './ExternalRunSync';

/** How old an entity's last sync may be before a list view refreshes it. */
const ON_DEMAND_AFTER_MS = 30_000;

const PASSED_THROUGH = ['NotFoundError', 'InputError', 'ConflictError'];

/** Calls a provider; an unexpected failure becomes a 503 naming it. */
async function ask<T>(
  provider: PipelinesExternalCiProvider,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isError(error) && PASSED_THROUGH.includes(error.name)) throw error;
    if (isError(error) && error.name === 'ServiceUnavailableError') {
      throw error;
    }
    throw new ServiceUnavailableError(
      `${provider.title} is not answering: ${
        isError(error) ? error.message : String(error)
      }`,
    );
  }
}

/**
 * What the routes do with external CI runs: read them through their
 * provider, list their sources, start and re-run them, and tell the
 * health of the providers.
 */
export class ExternalRuns {
  private readonly onDemand = new Map<string, number>();

  private constructor(
    private readonly deps: {
      providers: PipelinesExternalCiProvider[];
      store: DatabaseExternalRunStore;
      sync: ExternalRunSync;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  static create(deps: ExternalRuns['deps']) {
    return new ExternalRuns(deps);
  }

  get installed(): boolean {
    return this.deps.providers.length > 0;
  }

  title(providerId: string): string | undefined {
    return this.deps.providers.find(p => p.id === providerId)?.title;
  }

  /** The API shape of a stored external run, with its provider's title. */
  toApi(run: RunRecord): Run {
    const api = toApiRun(run) as Run;
    if (run.provider) api.providerTitle = this.title(run.provider);
    return api;
  }

  statuses(entityRef?: string): Promise<ProviderStatus[]> {
    return this.deps.store.providerStatuses(this.deps.providers, entityRef);
  }

  /**
   * Syncs an entity in the background when its last sync is older than
   * 30 seconds; never delays the caller.
   */
  async syncSoon(entityRef: string): Promise<void> {
    if (!this.installed) return;
    const asked = this.onDemand.get(entityRef) ?? 0;
    if (Date.now() - asked < ON_DEMAND_AFTER_MS) return;
    this.onDemand.set(entityRef, Date.now());
    const states = await this.deps.store.listSourceStates(entityRef);
    const fresh =
      states.length > 0 &&
      states.every(
        s =>
          s.lastAttemptAt &&
          Date.now() - Date.parse(s.lastAttemptAt) < ON_DEMAND_AFTER_MS,
      );
    if (fresh) return;
    this.deps.sync.syncEntityRef(entityRef).catch(error =>
      this.deps.logger.warn('External runs of entity could not be synced', {
        entityRef,
        error: String(error),
      }),
    );
  }

  private async entity(entityRef: string): Promise<Entity> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`Entity "${entityRef}" not found`);
    return entity;
  }

  private provider(id: string): PipelinesExternalCiProvider {
    const provider = this.deps.providers.find(p => p.id === id);
    if (!provider) {
      throw new InputError(`External CI provider "${id}" is not installed`);
    }
    return provider;
  }

  /** Provider, entity and source of a stored external run. */
  private async origin(run: RunRecord) {
    const provider = this.deps.providers.find(p => p.id === run.provider);
    if (!provider) {
      throw new ServiceUnavailableError(
        `External CI provider "${run.provider}" is not installed`,
      );
    }
    const entity = await this.entity(run.entityRef);
    const source: PipelinesExternalSource = provider
      .sourcesOf(entity)
      .find(s => s.key === run.sourceKey) ?? {
      key: run.sourceKey ?? '',
      label: run.source ?? run.sourceKey ?? '',
    };
    return { provider, entity, source, externalId: run.externalId ?? '' };
  }

  /** The run with its jobs and steps, as its provider tells now. */
  async getRun(run: RunRecord): Promise<Run> {
    const { provider, entity, source, externalId } = await this.origin(run);
    const detail = await ask(provider, () =>
      provider.getRun({ entity, source, externalId }),
    );
    if (!detail) throw new NotFoundError(`Run "${run.id}" not found`);
    const base = this.toApi(run);
    return {
      ...base,
      status: detail.status,
      startedAt: detail.startedAt ?? base.startedAt,
      finishedAt: detail.finishedAt ?? base.finishedAt,
      durationMs:
        detail.startedAt && detail.finishedAt
          ? Date.parse(detail.finishedAt) - Date.parse(detail.startedAt)
          : base.durationMs,
      url: detail.url ?? base.url,
      jobs: detail.jobs,
    };
  }

  async readLog(
    run: RunRecord,
    jobId: string,
    offset: number,
  ): Promise<PipelinesExternalLogChunk> {
    const { provider, entity, source, externalId } = await this.origin(run);
    return ask(provider, () =>
      provider.readLog({ entity, source, externalId, jobId, offset }),
    );
  }

  async rerun(run: RunRecord, actor: string): Promise<void> {
    const { provider, entity, source, externalId } = await this.origin(run);
    if (!provider.rerun) {
      throw new ConflictError(`${provider.title} runs cannot be run again`);
    }
    await ask(provider, () =>
      provider.rerun!({ entity, source, externalId, actor }),
    );
    this.syncLater(run.entityRef);
  }

  async trigger(options: {
    entityRef: string;
    provider: string;
    source: string;
    inputs: Record<string, string | boolean>;
    actor: string;
  }): Promise<void> {
    const provider = this.provider(options.provider);
    const entity = await this.entity(options.entityRef);
    const source = provider
      .sourcesOf(entity)
      .find(s => s.key === options.source);
    if (!source) {
      throw new InputError(
        `Entity "${options.entityRef}" has no ${provider.title} source "${options.source}"`,
      );
    }
    if (!provider.trigger) {
      throw new ConflictError(`${provider.title} runs cannot be started here`);
    }
    await ask(provider, () =>
      provider.trigger!({
        entity,
        source,
        inputs: options.inputs,
        actor: options.actor,
      }),
    );
    this.syncLater(options.entityRef);
  }

  /** The external sources of an entity, for the "Run pipeline" dialog. */
  async sources(entityRef: string): Promise<ExternalSourceSummary[]> {
    if (!this.installed) return [];
    const entity = await this.entity(entityRef);
    const summaries: ExternalSourceSummary[] = [];
    for (const provider of this.deps.providers) {
      if (!servesEntity(provider, entity)) continue;
      for (const source of provider.sourcesOf(entity)) {
        // A provider that does not answer leaves its sources listed but
        // not startable; the runs list shows the outage.
        let inputs: ExternalSourceSummary['inputs'] = [];
        let canTrigger = false;
        try {
          inputs = provider.getInputs
            ? await provider.getInputs({ entity, source })
            : [];
          canTrigger =
            provider.trigger !== undefined &&
            (provider.canTrigger
              ? await provider.canTrigger({ entity, source })
              : true);
        } catch (error) {
          this.deps.logger.warn('External source could not be read', {
            provider: provider.id,
            entityRef,
            source: source.key,
            error: String(error),
          });
        }
        summaries.push({
          provider: provider.id,
          providerTitle: provider.title,
          source: source.key,
          label: source.label,
          url: source.url,
          inputs,
          canTrigger,
        });
      }
    }
    return summaries;
  }

  private syncLater(entityRef: string) {
    this.onDemand.delete(entityRef);
    this.deps.sync.syncEntityRef(entityRef).catch(error =>
      this.deps.logger.warn('External runs of entity could not be synced', {
        entityRef,
        error: String(error),
      }),
    );
  }
}
