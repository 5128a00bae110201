import { ConflictError, InputError } from '@backstage/errors';
import type { RunFilter, RunStatus } from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { GOLIVE_PROVIDER, now, runFromRow } from './rows';
import type { NewRun, RunRecord } from './types';
import { chunks } from './chunks';

const RUNS = 'pipelines_runs';

/** Runs counted at most for `totalCount` of a list, by default. */
const COUNT_CAP = 10_000;

/** Rows per insert statement. */
const INSERT_CHUNK = 50;

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
  private constructor(
    private readonly db: Knex,
    private readonly countCap: number,
  ) {}

  /** `countCap` (default 10,000) is where counting the runs of a list stops. */
  static create(options: { db: Knex; countCap?: number }) {
    return new DatabaseRunStore(options.db, options.countCap ?? COUNT_CAP);
  }

  /** Stores a run with its jobs and steps, all in one transaction. */
  async createRun(input: NewRun): Promise<RunRecord> {
    for (let tries = 0; ; tries++) {
      try {
        const row = await this.db.transaction(tx => this.insertRun(tx, input));
        return runFromRow(row);
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
    const run = {
      id,
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
    };
    // the next number of the entity, taken in the insert itself
    const [inserted] = await tx(RUNS).insert(
      {
        ...run,
        number: tx.raw(
          `(select coalesce(max(number), 0) + 1 from ${RUNS} where entity_ref = ? and provider = ?)`,
          [input.entityRef, GOLIVE_PROVIDER],
        ),
      },
      ['number'],
    );
    const jobs = input.jobs.map((job, position) => {
      const jobId = job.id ?? randomUUID();
      const carried = job.status === 'succeeded' || job.status === 'skipped';
      const queued = job.status === 'queued';
      const steps = job.definition.steps.map((step, index) => ({
        id: randomUUID(),
        job_id: jobId,
        index,
        name: step.name,
        status: carried ? 'skipped' : 'pending',
      }));
      const row = {
        id: jobId,
        run_id: id,
        position,
        key: job.key,
        name: job.name,
        status: carried || queued ? job.status : 'pending',
        queued_at: queued ? createdAt : null,
        needs: JSON.stringify(job.needs),
        matrix: job.matrix ? JSON.stringify(job.matrix) : null,
        definition: JSON.stringify(job.definition),
        environment: job.environment ?? null,
        approval_required: job.approvalRequired,
        attempt: 1,
        cancel_requested: false,
        started_at: carried ? createdAt : null,
        finished_at: carried ? createdAt : null,
      };
      return { row, steps };
    });
    // a few statements for a whole matrix, within SQLite's variable limit
    for (const chunk of chunks(jobs, INSERT_CHUNK)) {
      await tx('pipelines_jobs').insert(chunk.map(job => job.row));
    }
    for (const chunk of chunks(
      jobs.flatMap(job => job.steps),
      INSERT_CHUNK,
    )) {
      await tx('pipelines_steps').insert(chunk);
    }
    return {
      ...run,
      number: Number(inserted.number),
      started_at: null,
      finished_at: null,
    };
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const row = await this.db(RUNS).where({ id: runId }).first();
    return row ? runFromRow(row) : undefined;
  }

  /** Runs newest first, paged by a cursor over (created_at, id). */
  async listRuns(filter: RunFilter & { entityRefs?: string[] }): Promise<{
    items: RunRecord[];
    totalCount: number;
    totalCountCapped?: boolean;
    nextCursor?: string;
  }> {
    const limit = filter.limit ?? 25;
    const base = this.db(RUNS).where(q => {
      if (filter.entityRef) q.where('entity_ref', filter.entityRef);
      if (filter.entityRefs) q.whereIn('entity_ref', filter.entityRefs);
      if (filter.status?.length) q.whereIn('status', filter.status);
      if (filter.trigger?.length) q.whereIn('trigger', filter.trigger);
      if (filter.ref) q.whereIn('ref', refSpellings(filter.ref));
      if (filter.actor) q.where('actor', filter.actor);
      if (filter.provider?.length) q.whereIn('provider', filter.provider);
    });

    const page = base.clone();
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      // a row comparison walks the (created_at, id) index from the cursor on
      page.whereRaw('(created_at, id) < (?, ?)', [c.createdAt, c.id]);
    }
    // Counting stops past the cap: an exact count scanned every matching
    // run (about 25 ms at 100,000 runs) for every page.
    const [countRow, rows] = await Promise.all([
      this.db
        .count({ count: '*' })
        .from(
          base
            .clone()
            .select(this.db.raw('1'))
            .limit(this.countCap + 1)
            .as('capped'),
        )
        .first(),
      page
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit + 1),
    ]);

    const items = rows.slice(0, limit).map(runFromRow);
    const last = items[items.length - 1];
    const count = Number(countRow?.count ?? 0);
    return {
      items,
      totalCount: Math.min(count, this.countCap),
      ...(count > this.countCap ? { totalCountCapped: true } : {}),
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

/**
 * The ways a ref is stored: webhooks give full names (`refs/heads/main`),
 * runs started by name keep a branch short (`main`) and a tag in full.
 * A filter on either spelling finds both.
 */
export function refSpellings(ref: string): string[] {
  const short = ref.replace(/^refs\/(heads|tags)\//, '');
  if (short !== ref) return [ref, short];
  if (ref.startsWith('refs/')) return [ref];
  return [ref, `refs/heads/${ref}`, `refs/tags/${ref}`];
}
