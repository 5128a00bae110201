import type { LogLine } from '@golive/plugin-pipelines-common';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { LogReadOptions, LogStore } from './types';

const LINES_TABLE = 'pipelines_log_lines';
const META_TABLE = 'pipelines_logs';

/** Rows per multi-row INSERT where no array insert exists (SQLite). */
const ROWS_PER_STATEMENT = 1000;
const DEFAULT_READ_LIMIT = 1000;
const MAX_READ_LIMIT = 10000;

type LineRow = {
  job_id: string;
  seq: number | string;
  step_index: number | string | null;
  stream: LogLine['stream'];
  time: string;
  text: string;
};

function toLine(row: LineRow): LogLine {
  return {
    seq: Number(row.seq),
    ...(row.step_index === null ? {} : { stepIndex: Number(row.step_index) }),
    stream: row.stream,
    time: row.time,
    text: row.text,
  };
}

/** PostgreSQL `unique_violation`, or SQLite's constraint codes. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * The {@link LogStore} on the plugin's database (PostgreSQL or SQLite),
 * tables `pipelines_log_lines` and `pipelines_logs`.
 *
 * @remarks
 *
 * Each append is atomic: on PostgreSQL one statement that unnests one
 * array per column and adds the batch's bytes to the job's size, so its
 * cost barely grows with the batch; elsewhere a transaction of multi-row
 * INSERTs of up to 1000 rows and the size update.
 *
 * @public
 */
export class DatabaseLogStore implements LogStore {
  readonly #db: Knex;
  readonly #postgres: boolean;

  /** Creates the store on a migrated database client. */
  static create(options: { knex: Knex }): DatabaseLogStore {
    return new DatabaseLogStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
    this.#postgres = db.client.config.client === 'pg';
  }

  async append(jobId: string, lines: LogLine[]): Promise<void> {
    if (lines.length === 0) {
      return;
    }

    try {
      await this.#insert(jobId, lines);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Log of job '${jobId}' already holds some of these sequence numbers`,
          error,
        );
      }
      throw error;
    }
  }

  async #insert(jobId: string, lines: LogLine[]) {
    const bytes = lines.reduce(
      (sum, line) => sum + Buffer.byteLength(line.text),
      0,
    );
    if (this.#postgres) {
      // One statement, atomic on its own: the lines and the job's size in
      // a single round trip instead of BEGIN, two statements and COMMIT.
      await this.#db.raw(
        `WITH lines AS (
           INSERT INTO ${LINES_TABLE} (job_id, seq, step_index, stream, time, text)
           SELECT ?, * FROM unnest(?::integer[], ?::integer[], ?::text[], ?::text[], ?::text[])
         )
         INSERT INTO ${META_TABLE} (job_id, bytes, truncated) VALUES (?, ?, false)
         ON CONFLICT (job_id)
         DO UPDATE SET bytes = ${META_TABLE}.bytes + excluded.bytes`,
        [
          jobId,
          lines.map(line => line.seq),
          // The pg driver sends null elements as NULL; knex's types do not
          // know arrays with nulls.
          lines.map(line => line.stepIndex ?? null) as number[],
          lines.map(line => line.stream),
          lines.map(line => line.time),
          lines.map(line => line.text),
          jobId,
          bytes,
        ],
      );
      return;
    }

    await this.#db.transaction(async trx => {
      // Plain multi-row VALUES; knex would build a compound SELECT, which
      // SQLite limits to 500 terms.
      for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) {
        const chunk = lines.slice(i, i + ROWS_PER_STATEMENT);
        await trx.raw(
          `INSERT INTO ${LINES_TABLE} (job_id, seq, step_index, stream, time, text) VALUES ${chunk
            .map(() => '(?, ?, ?, ?, ?, ?)')
            .join(', ')}`,
          chunk.flatMap(line => [
            jobId,
            line.seq,
            line.stepIndex ?? null,
            line.stream,
            line.time,
            line.text,
          ]),
        );
      }
      await trx(META_TABLE)
        .insert({ job_id: jobId, bytes, truncated: false })
        .onConflict('job_id')
        .merge({ bytes: trx.raw(`${META_TABLE}.bytes + excluded.bytes`) });
    });
  }

  async read(jobId: string, options: LogReadOptions = {}): Promise<LogLine[]> {
    const limit = Math.min(
      Math.max(1, options.limit ?? DEFAULT_READ_LIMIT),
      MAX_READ_LIMIT,
    );
    const query = this.#db<LineRow>(LINES_TABLE)
      .where('job_id', jobId)
      .andWhere('seq', '>', options.after ?? 0)
      .orderBy('seq')
      .limit(limit);
    if (options.stepIndex !== undefined) {
      query.andWhere('step_index', options.stepIndex);
    }
    // TODO(golive): search scans the job's lines with LIKE; use
    // Elasticsearch when configured, as ARCHITECTURE.md plans.
    if (options.search) {
      const operator = this.#postgres ? 'ILIKE' : 'LIKE';
      query.andWhereRaw(`text ${operator} ? ESCAPE '\\'`, [
        likePattern(options.search),
      ]);
    }
    return (await query).map(toLine);
  }

  async markTruncated(jobId: string): Promise<void> {
    await this.#db(META_TABLE)
      .insert({ job_id: jobId, bytes: 0, truncated: true })
      .onConflict('job_id')
      .merge({ truncated: true });
  }

  async isTruncated(jobId: string): Promise<boolean> {
    const row = await this.#db(META_TABLE)
      .where('job_id', jobId)
      .first('truncated');
    return Boolean(row?.truncated);
  }

  async lastSeq(jobId: string): Promise<number> {
    const row = await this.#db(LINES_TABLE)
      .where('job_id', jobId)
      .max({ seq: 'seq' })
      .first();
    return Number(row?.seq ?? 0);
  }

  async byteCount(jobId: string): Promise<number> {
    const row = await this.#db(META_TABLE)
      .where('job_id', jobId)
      .first('bytes');
    return Number(row?.bytes ?? 0);
  }
}
