import type { Knex } from 'knex';
import { resolve } from 'node:path';

const MIGRATION = '20261203000002_logs.js';

/** Applies only the log migration, so these tests own their tables. */
export async function migrateLogTables(knex: Knex) {
  await knex.migrate.latest({
    migrationSource: {
      getMigrations: async () => [MIGRATION],
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) =>
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(resolve(__dirname, '../../../migrations', name)),
    },
  });
}

/** Counts the INSERT statements into the log lines table. */
export function countLineInserts(knex: Knex) {
  const counter = { inserts: 0 };
  knex.on('query', (query: { sql: string }) => {
    // Also counts an INSERT inside a WITH clause.
    counter.inserts +=
      query.sql.match(/insert into "?pipelines_log_lines"?/gi)?.length ?? 0;
  });
  return counter;
}
