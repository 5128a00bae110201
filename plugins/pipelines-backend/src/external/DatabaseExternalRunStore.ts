import type { ProviderStatus } from '@golive/plugin-pipelines-common';
import type {
  PipelinesExternalRun,
  PipelinesExternalSource,
} from '@golive/plugin-pipelines-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { FINISHED_RUN_STATUSES, now } from '../database/rows';

const RUNS = 'pipelines_runs';
const SOURCES = 'pipelines_external_sources';

/** Sync state of one source of external runs. */
export type SourceState = {
  provider: string;
  entityRef: string;
  sourceKey: string;
  sourceLabel: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  failures: number;
  nextRetryAt?: string;
};

const stateFromRow = (row: any): SourceState => ({
  provider: row.provider,
  entityRef: row.entity_ref,
  sourceKey: row.source_key,
  sourceLabel: row.source_label,
  lastAttemptAt: row.last_attempt_at ?? undefined,
  lastSuccessAt: row.last_success_at ?? undefined,
  lastError: row.last_error ?? undefined,
  failures: Number(row.failures),
  nextRetryAt: row.next_retry_at ?? undefined,
});

/**
 * External CI runs in the runs table (one row per run id within its
 * source) and the sync state of each source.
 */
export class DatabaseExternalRunStore {
  private constructor(private readonly db: Knex) {}

  static create(options: { db: Knex }) {
    return new DatabaseExternalRunStore(options.db);
  }

  /**
   * Inserts new runs and updates changed ones. Returns how many rows
   * changed and whether a run already stored as finished was met (the
   * sync has caught up with what it has).
   */
  async upsertRuns(
    key: { provider: string; entityRef: string },
    source: PipelinesExternalSource,
    runs: PipelinesExternalRun[],
  ): Promise<{ changed: number; updatedIds: string[]; metFinished: boolean }> {
    if (!runs.length) return { changed: 0, updatedIds: [], metFinished: false };
    const where = {
      provider: key.provider,
      entity_ref: key.entityRef,
      source_key: source.key,
    };
    const existing = new Map<string, any>();
    const ids = runs.map(r => r.externalId);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db(RUNS)
        .where(where)
        .whereIn('external_id', ids.slice(i, i + 500))
        .select('id', 'external_id', 'status', 'started_at', 'finished_at');
      rows.forEach(row => existing.set(row.external_id, row));
    }

    let changed = 0;
    let metFinished = false;
    const updatedIds: string[] = [];
    for (const run of runs) {
      const stored = existing.get(run.externalId);
      if (stored && FINISHED_RUN_STATUSES.includes(stored.status)) {
        metFinished = true;
      }
      const fields = {
        number: run.number,
        pipeline_name: run.name,
        status: run.status,
        trigger: run.trigger,
        actor: run.actor,
        ref: run.ref ?? '',
        sha: run.sha ?? '',
        inputs: JSON.stringify(run.inputs ?? {}),
        started_at: run.startedAt ?? null,
        finished_at: run.finishedAt ?? null,
        source_label: source.label,
        url: run.url,
      };
      if (!stored) {
        await this.db(RUNS)
          .insert({
            ...where,
            ...fields,
            id: randomUUID(),
            external_id: run.externalId,
            pipeline_path: '',
            repository_url: '',
            pipeline_snapshot: JSON.stringify({ content: '', env: {} }),
            from_fork: false,
            cancel_requested: false,
            created_at: run.createdAt,
          })
          .onConflict(['entity_ref', 'provider', 'source_key', 'external_id'])
          .ignore();
        changed++;
      } else if (
        stored.status !== run.status ||
        (stored.finished_at ?? null) !== (run.finishedAt ?? null) ||
        (stored.started_at ?? null) !== (run.startedAt ?? null)
      ) {
        await this.db(RUNS)
          .where({ ...where, external_id: run.externalId })
          .update(fields);
        changed++;
        updatedIds.push(stored.id);
      }
    }
    return { changed, updatedIds, metFinished };
  }

  /** Finds the stored row of an external run by its GoLive id. */
  async getSourceState(key: {
    provider: string;
    entityRef: string;
    sourceKey: string;
  }): Promise<SourceState | undefined> {
    const row = await this.db(SOURCES)
      .where({
        provider: key.provider,
        entity_ref: key.entityRef,
        source_key: key.sourceKey,
      })
      .first();
    return row ? stateFromRow(row) : undefined;
  }

  async listSourceStates(entityRef?: string): Promise<SourceState[]> {
    const rows = await this.db(SOURCES).where(q => {
      if (entityRef) q.where('entity_ref', entityRef);
    });
    return rows.map(stateFromRow);
  }

  /** Records the outcome of one sync of a source. */
  async recordSync(
    key: { provider: string; entityRef: string },
    source: PipelinesExternalSource,
    outcome: { error?: string; nextRetryAt?: string },
  ): Promise<void> {
    const at = now();
    const previous = await this.getSourceState({
      ...key,
      sourceKey: source.key,
    });
    const failures = outcome.error ? (previous?.failures ?? 0) + 1 : 0;
    const row = {
      provider: key.provider,
      entity_ref: key.entityRef,
      source_key: source.key,
      source_label: source.label,
      last_attempt_at: at,
      last_success_at: outcome.error ? previous?.lastSuccessAt ?? null : at,
      last_error: outcome.error ?? null,
      failures,
      next_retry_at: outcome.nextRetryAt ?? null,
    };
    await this.db(SOURCES)
      .insert(row)
      .onConflict(['provider', 'entity_ref', 'source_key'])
      .merge();
  }

  /**
   * Health per provider over the sources of one entity, or of all:
   * unavailable while any source's last sync failed.
   */
  async providerStatuses(
    providers: Array<{ id: string; title: string }>,
    entityRef?: string,
  ): Promise<ProviderStatus[]> {
    const states = await this.listSourceStates(entityRef);
    return providers
      .filter(p => !entityRef || states.some(s => s.provider === p.id))
      .map(provider => {
        const mine = states.filter(s => s.provider === provider.id);
        const failing = mine.filter(s => s.lastError);
        const lastSyncedAt = mine
          .map(s => s.lastSuccessAt)
          .filter((t): t is string => Boolean(t))
          .sort()
          .pop();
        const status: ProviderStatus = {
          provider: provider.id,
          providerTitle: provider.title,
          state: failing.length ? 'unavailable' : 'ok',
          lastSyncedAt,
        };
        if (failing.length) {
          status.message = failing[0].lastError;
          status.retryAt = failing
            .map(s => s.nextRetryAt)
            .filter((t): t is string => Boolean(t))
            .sort()[0];
        }
        return status;
      });
  }
}
