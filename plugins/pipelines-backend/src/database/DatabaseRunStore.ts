import { ConflictError, InputError } from '@backstage/errors';
import type { RunFilter, RunStatus } from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { GOLIVE_PROVIDER, now, runFromRow } from './rows';
import type { NewRun, RunRecord } from './types';

const RUNS = 'pipelines_runs';

type Cursor = { createdAt: string; id: string };

function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value.createdAt === 'string' && typeof value.id === 'string') {
      return value;
    }
  } catch {
    // reported below
  }
  throw new InputError(`Invalid cursor "${cursor}"`);
}

/** Runs of pipelines, and their jobs and steps at creation, in the database. */
export class DatabaseRunStore {
  private constructor(private readonly db: Knex) {}

  static create(options: { db: Knex }) {
    return new DatabaseRunStore(options.db);
  }

  /** Stores a run with its jobs and steps, all in one transaction. */
  async createRun(input: NewRun): Promise<RunRecord> {
    for (let tries = 0; ; tries++) {
      try {
        const id = await this.db.transaction(tx => this.insertRun(tx, input));
        return (await this.getRun(id))!;
      } catch (error) {
        // two runs of one entity raced for the same number
        if (tries < 3 && /unique|duplicate/i.test(String(error))) continue;
        throw error;
      }
    }
  }

  private async insertRun(tx: Knex.Transaction, input: NewRun) {
    const id = randomUUID();
    const createdAt = now();
    const last = await tx(RUNS)
      .where({ entity_ref: input.entityRef, provider: GOLIVE_PROVIDER })
      .max({ number: 'number' })
      .first();
    await tx(RUNS).insert({
      id,
      number: Number(last?.number ?? 0) + 1,
      entity_ref: input.entityRef,
      pipeline_name: input.pipelineName,
      pipeline_path: input.pipelinePath,
      repository_url: input.repositoryUrl,
      status: 'queued',
      trigger: input.trigger,
      actor: input.actor,
      ref: input.ref,
      sha: input.sha,
      inputs: JSON.stringify(input.inputs),
      pipeline_snapshot: JSON.stringify({
        content: input.snapshot,
        env: input.env,
      }),
      rerun_of: input.rerunOf ?? null,
      from_fork: input.fromFork ?? false,
      cancel_requested: false,
      created_at: createdAt,
    });
    for (const [position, job] of input.jobs.entries()) {
      const jobId = randomUUID();
      const carried = job.status === 'succeeded' || job.status === 'skipped';
      await tx('pipelines_jobs').insert({
        id: jobId,
        run_id: id,
        position,
        key: job.key,
        name: job.name,
        status: carried ? job.status : 'pending',
        needs: JSON.stringify(job.needs),
        matrix: job.matrix ? JSON.stringify(job.matrix) : null,
        definition: JSON.stringify(job.definition),
        environment: job.environment ?? null,
        approval_required: job.approvalRequired,
        attempt: 1,
        cancel_requested: false,
        started_at: carried ? createdAt : null,
        finished_at: carried ? createdAt : null,
      });
      const steps = job.definition.steps.map((step, index) => ({
        id: randomUUID(),
        job_id: jobId,
        index,
        name: step.name,
        status: carried ? 'skipped' : 'pending',
      }));
      if (steps.length) {
        await tx('pipelines_steps').insert(steps);
      }
    }
    return id;
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const row = await this.db(RUNS).where({ id: runId }).first();
    return row ? runFromRow(row) : undefined;
  }

  /** Runs newest first, paged by a cursor over (created_at, id). */
  async listRuns(
    filter: RunFilter & { entityRefs?: string[] },
  ): Promise<{ items: RunRecord[]; totalCount: number; nextCursor?: string }> {
    const limit = filter.limit ?? 25;
    const base = this.db(RUNS).where(q => {
      if (filter.entityRef) q.where('entity_ref', filter.entityRef);
      if (filter.entityRefs) q.whereIn('entity_ref', filter.entityRefs);
      if (filter.status?.length) q.whereIn('status', filter.status);
      if (filter.trigger?.length) q.whereIn('trigger', filter.trigger);
      if (filter.ref) q.where('ref', filter.ref);
      if (filter.actor) q.where('actor', filter.actor);
      if (filter.provider?.length) q.whereIn('provider', filter.provider);
    });

    const page = base.clone();
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      page.where(q =>
        q
          .where('created_at', '<', c.createdAt)
          .orWhere(q2 =>
            q2.where('created_at', '=', c.createdAt).where('id', '<', c.id),
          ),
      );
    }
    // TODO(golive): the exact count scans every matching run (about 25 ms
    // at 100,000 runs), which caps the unfiltered list well below 200
    // requests/s; cap the count or keep per-entity counters.
    const [countRow, rows] = await Promise.all([
      base.clone().count({ count: '*' }).first(),
      page
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit + 1),
    ]);

    const items = rows.slice(0, limit).map(runFromRow);
    const last = items[items.length - 1];
    return {
      items,
      totalCount: Number(countRow?.count ?? 0),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.createdAt, id: last.id })
          : undefined,
    };
  }

  /** Moves a run to a status; returns false when it already had it. */
  async setRunStatus(runId: string, status: RunStatus): Promise<boolean> {
    const finished = ['succeeded', 'failed', 'cancelled'].includes(status);
    const patch: Record<string, unknown> = { status };
    if (status !== 'queued') {
      patch.started_at = this.db.raw('coalesce(started_at, ?)', [now()]);
    }
    if (finished) patch.finished_at = now();
    const count = await this.db(RUNS)
      .where({ id: runId })
      .whereNot({ status })
      .whereNotIn('status', ['succeeded', 'failed', 'cancelled'])
      .update(patch);
    return count > 0;
  }

  /** Flags a run as cancelled; workers of its running jobs see the flag. */
  async requestCancel(runId: string): Promise<void> {
    const count = await this.db(RUNS)
      .where({ id: runId })
      .whereNotIn('status', ['succeeded', 'failed', 'cancelled'])
      .update({ cancel_requested: true });
    if (!count) {
      throw new ConflictError(`Run "${runId}" has already finished`);
    }
  }

  /** Every entity that has runs, to filter lists by permission. */
  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db(RUNS).distinct('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /** Ids of the runs that have not finished, oldest first. */
  async listActiveRunIds(): Promise<string[]> {
    const rows = await this.db(RUNS)
      .whereNotIn('status', ['succeeded', 'failed', 'cancelled'])
      .where('provider', GOLIVE_PROVIDER)
      .orderBy('created_at', 'asc')
      .select('id');
    return rows.map(r => r.id);
  }
}
