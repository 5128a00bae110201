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

/**
 * Starts the runs of `on.schedule` crons. Each check looks at the latest
 * slot of every cron of every pipeline at its default branch head; a slot
 * that fell due within the look-back window starts one run, once across
 * all replicas and restarts, through a unique row per slot.
 */
export class ScheduleTrigger {
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
    },
  ) {}

  static create(
    deps: Omit<ScheduleTrigger['deps'], 'clock' | 'lookbackMs'> & {
      clock?: () => Date;
      lookbackMs?: number;
    },
  ) {
    return new ScheduleTrigger({
      clock: () => new Date(),
      lookbackMs: 5 * 60 * 1000,
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
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity);
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
    await this.deps.store.deleteFiredBefore(new Date(now.getTime() - DAY_MS));
    return started;
  }

  private async checkEntity(entityRef: string, now: Date): Promise<string[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    // TODO(golive): every check reads each pipeline at its branch head; cache the schedules by commit sha once catalogs grow large
    const loaded = await this.deps.planner.loadPipeline({
      entityRef,
      credentials,
    });
    const crons = loaded.pipeline.on?.schedule ?? [];

    const started: string[] = [];
    for (const { cron } of crons) {
      const slot = latestSlot(cron, now);
      if (!slot || now.getTime() - slot.getTime() > this.deps.lookbackMs) {
        continue;
      }
      const claimed = await this.deps.store.claimSlot({
        entityRef: loaded.entityRef,
        cron,
        slot,
        now,
      });
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
