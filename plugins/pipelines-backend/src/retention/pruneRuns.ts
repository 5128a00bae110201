import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArtifactStore } from '@golive/platform-node';
import type { Knex } from 'knex';
import { chunks } from '../database/chunks';

/** Run states after which nothing more happens to a run. */
const FINAL_STATES = ['succeeded', 'failed', 'cancelled'];

/** Runs removed per transaction. */
const DEFAULT_BATCH = 50;

/** Ids bound in one `IN (...)`: SQLite allows 999 variables per query. */
const ID_CHUNK = 500;

/**
 * Deletes the runs that ended before `before`, with everything kept for
 * them: jobs, steps, log lines, artifact rows and files, commit statuses.
 * Runs that have not ended are kept, however old, and so is the newest run
 * of each entity (the next run's number follows it).
 *
 * @remarks
 *
 * Each batch goes in one transaction, rows first: a failure leaves every
 * run either whole or gone. Artifact files are removed after the commit;
 * one that cannot be removed is logged and left behind (no row points at
 * it any more). Child rows are deleted explicitly rather than by cascade,
 * which SQLite applies only when foreign keys are switched on.
 */
export async function pruneRuns(options: {
  db: Knex;
  artifacts: ArtifactStore;
  logger: LoggerService;
  before: Date;
  batchSize?: number;
}): Promise<{ runs: number; artifacts: number }> {
  const { db, artifacts, logger } = options;
  const before = options.before.toISOString();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let runs = 0;
  let files = 0;

  for (;;) {
    const candidates: string[] = (
      await db('pipelines_runs')
        .whereIn('status', FINAL_STATES)
        .where('created_at', '<', before)
        .where(q =>
          q.whereNull('finished_at').orWhere('finished_at', '<', before),
        )
        // the newest run of each entity stays: run numbers continue from it
        .whereRaw(
          `number < (select max(newest.number) from pipelines_runs newest
             where newest.entity_ref = pipelines_runs.entity_ref
               and newest.provider = pipelines_runs.provider)`,
        )
        .orderBy('created_at')
        .limit(batchSize)
        .select('id')
    ).map((row: { id: string }) => row.id);
    if (candidates.length === 0) break;

    const { ids, storageNames } = await db.transaction(async tx => {
      // a run re-run meanwhile is no longer ended: lock and check again
      const still = tx('pipelines_runs')
        .whereIn('id', candidates)
        .whereIn('status', FINAL_STATES)
        .select('id');
      if (db.client.config.client === 'pg') still.forUpdate();
      const ended: string[] = (await still).map(
        (row: { id: string }) => row.id,
      );
      const jobIds: string[] = (
        await tx('pipelines_jobs').whereIn('run_id', ended).select('id')
      ).map((row: { id: string }) => row.id);
      const names: string[] = (
        await tx('pipelines_artifacts')
          .whereIn('run_id', ended)
          .select('storage_name')
      ).map((row: { storage_name: string }) => row.storage_name);

      for (const chunk of chunks(jobIds, ID_CHUNK)) {
        await tx('pipelines_log_lines').whereIn('job_id', chunk).delete();
        await tx('pipelines_logs').whereIn('job_id', chunk).delete();
        await tx('pipelines_steps').whereIn('job_id', chunk).delete();
      }
      await tx('pipelines_artifacts').whereIn('run_id', ended).delete();
      await tx('pipelines_commit_statuses').whereIn('run_id', ended).delete();
      await tx('pipelines_jobs').whereIn('run_id', ended).delete();
      await tx('pipelines_runs').whereIn('id', ended).delete();
      return { ids: ended, storageNames: names };
    });
    runs += ids.length;

    for (const name of storageNames) {
      try {
        if (await artifacts.delete(name)) files += 1;
      } catch (error) {
        logger.warn('Artifact of a removed run could not be deleted', {
          name,
          error: String(error),
        });
      }
    }
    if (candidates.length < batchSize) break;
  }

  if (runs > 0) {
    logger.info('Removed runs past the retention period', {
      runs,
      artifacts: files,
      before,
    });
  }
  return { runs, artifacts: files };
}

/**
 * Deletes the webhook deliveries processed (or given up) before `before`,
 * kept until then to recognise redeliveries. (Fired cron slots are cleared
 * by the schedule check itself.)
 */
export async function pruneDeliveries(options: {
  db: Knex;
  before: Date;
}): Promise<number> {
  return options
    .db('pipelines_webhook_inbox')
    .whereIn('status', ['done', 'abandoned'])
    .where('processed_at', '<', options.before.toISOString())
    .delete();
}
