import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CronExpressionParser } from 'cron-parser';
import type { RunPlanner } from '../planner/RunPlanner';
import { REPOSITORY_URL_ANNOTATION } from '../planner/resolveRepository';
import type { DatabaseScheduleStore } from './DatabaseScheduleStore';

/** The actor of runs started by a schedule. */
export const SCHEDULER_ACTOR = 'golive:scheduler';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The crons of one entity's pipeline as last read, or none. */
interface KnownCrons {
  crons: string[];
  readAt: number;
  /** Slots this instance has handled: `<cron>@<slot>` to the slot's time. */
  handled: Map<string, number>;
}

/**
 * Starts the runs of `on.schedule` crons. Each check looks at the latest
 * slot of every cron of every pipeline at its default branch head; a slot
 * that fell due within the look-back window starts one run, once across
 * all replicas and restarts, through a unique row per slot.
 *
 * @remarks
 *
 * The crons of each entity (none, for one without a pipeline file) are
 * read again only every `refreshMs`, so that a check costs the git host a
 * read per entity every few minutes rather than every minute. A slot that
 * falls due reads the pipeline at once: the run starts at the branch head
 * of that moment, and only if the file still has the cron.
 */
export class ScheduleTrigger {
  readonly #known = new Map<string, KnownCrons>();

  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      planner: Pick<RunPlanner, 'loadPipeline' | 'createRun'>;
      store: DatabaseScheduleStore;
      logger: LoggerService;
      clock: () => Date;
      /** How far back a missed slot still fires (missed checks, restarts). */
      lookbackMs: number;
      /** How long the crons read from a pipeline file are trusted. */
      refreshMs: number;
    },
  ) {}

  static create(
    deps: Omit<
      ScheduleTrigger['deps'],
      'clock' | 'lookbackMs' | 'refreshMs'
    > & {
      clock?: () => Date;
      lookbackMs?: number;
      refreshMs?: number;
    },
  ) {
    return new ScheduleTrigger({
      clock: () => new Date(),
      lookbackMs: 5 * 60 * 1000,
      refreshMs: 10 * 60 * 1000,
      ...deps,
    });
  }

  /** Checks every scheduled pipeline once; returns the ids of new runs. */
  async check(): Promise<string[]> {
    const now = this.deps.clock();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${REPOSITORY_URL_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            'metadata.annotations.backstage.io/source-location':
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );

    const started: string[] = [];
    const seen = new Set<string>();
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity);
      seen.add(entityRef);
      try {
        started.push(...(await this.checkEntity(entityRef, now)));
      } catch (error) {
        // most entities of a catalog have no pipeline file: not worth a warning
        const missing = isError(error) && error.name === 'NotFoundError';
        this.deps.logger[missing ? 'debug' : 'warn'](
          'Schedule of entity could not be checked',
          { entityRef, error: String(error) },
        );
      }
    }
    for (const entityRef of this.#known.keys()) {
      if (!seen.has(entityRef)) this.#known.delete(entityRef);
    }
    await this.deps.store.deleteFiredBefore(new Date(now.getTime() - DAY_MS));
    return started;
  }

  /**
   * The entity's crons, read again once the last read is `refreshMs` old;
   * `read` is the pipeline when this call read it.
   */
  private async knownCrons(entityRef: string, now: Date) {
    const known = this.#known.get(entityRef);
    if (known && now.getTime() - known.readAt < this.deps.refreshMs) {
      return { known, read: undefined };
    }
    try {
      return await this.readCrons(entityRef, now);
    } catch (error) {
      // no pipeline file (most entities): remembered as no crons
      if (isError(error) && error.name === 'NotFoundError') {
        this.#known.set(entityRef, {
          crons: [],
          readAt: now.getTime(),
          handled: new Map(),
        });
      }
      throw error;
    }
  }

  private async readCrons(entityRef: string, now: Date) {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const loaded = await this.deps.planner.loadPipeline({
      entityRef,
      credentials,
    });
    const known: KnownCrons = {
      crons: (loaded.pipeline.on?.schedule ?? []).map(s => s.cron),
      readAt: now.getTime(),
      handled: this.#known.get(entityRef)?.handled ?? new Map(),
    };
    this.#known.set(entityRef, known);
    return { known, read: { loaded, credentials } };
  }

  private async checkEntity(entityRef: string, now: Date): Promise<string[]> {
    let { known, read } = await this.knownCrons(entityRef, now);
    const slotKey = (cron: string, slot: Date) =>
      `${cron}@${slot.toISOString()}`;
    const dueSlots = (crons: string[]) =>
      crons.flatMap(cron => {
        const slot = latestSlot(cron, now);
        const due =
          slot &&
          now.getTime() - slot.getTime() <= this.deps.lookbackMs &&
          !known.handled.has(slotKey(cron, slot));
        return due ? [{ cron, slot }] : [];
      });
    if (dueSlots(known.crons).length === 0) return [];

    // a slot fell due: the run starts from the file as it is now
    if (!read) ({ known, read } = await this.readCrons(entityRef, now));
    const { loaded, credentials } = read;
    // slots older than the look-back window are never due again
    for (const [key, at] of known.handled) {
      if (now.getTime() - at > this.deps.lookbackMs) known.handled.delete(key);
    }

    const started: string[] = [];
    for (const { cron, slot } of dueSlots(known.crons)) {
      const claimed = await this.deps.store.claimSlot({
        entityRef: loaded.entityRef,
        cron,
        slot,
        now,
      });
      known.handled.set(slotKey(cron, slot), slot.getTime());
      if (!claimed) continue;

      try {
        const run = await this.deps.planner.createRun({
          entityRef: loaded.entityRef,
          ref: loaded.ref,
          sha: loaded.sha,
          trigger: 'schedule',
          actor: SCHEDULER_ACTOR,
          credentials,
        });
        this.deps.logger.info('Started scheduled run', {
          runId: run.id,
          entityRef: loaded.entityRef,
          cron,
          slot: slot.toISOString(),
        });
        started.push(run.id);
      } catch (error) {
        // the slot stays claimed: a broken pipeline must not retry every minute
        this.deps.logger.warn('Scheduled run could not be started', {
          entityRef: loaded.entityRef,
          cron,
          error: String(error),
        });
      }
    }
    return started;
  }
}

/** The latest slot of a cron (UTC) at or before a time. */
export function latestSlot(cron: string, now: Date): Date | undefined {
  try {
    const expression = CronExpressionParser.parse(cron, {
      currentDate: new Date(now.getTime() + 1),
      tz: 'UTC',
    });
    return expression.prev().toDate();
  } catch {
    return undefined;
  }
}
