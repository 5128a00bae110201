import { TestDatabases } from '@backstage/backend-test-utils';
import type { LogLine } from '@golive/plugin-pipelines-common';
import {
  countLineInserts,
  migrateLogTables,
} from './__testUtils__/migrateLogTables';
import { DatabaseLogStore } from './DatabaseLogStore';

jest.setTimeout(60000);

const TIME = '2026-12-03T10:00:00.000Z';

function line(seq: number, text: string, extra?: Partial<LogLine>): LogLine {
  return { seq, stream: 'stdout', time: TIME, text, ...extra };
}

describe('DatabaseLogStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateLogTables(knex);
    return { knex, store: DatabaseLogStore.create({ knex }) };
  }

  it.each(databases.eachSupportedId())(
    'stores lines as written and reads them back in order, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const awkward = [
        'plain',
        '',
        'NULL',
        '"quoted", {braces} and \\ backslash',
        "it's \u001b[31mred\u001b[0m",
        'grüße 🚀 \t tab',
      ];
      const lines = awkward.map((text, index) =>
        line(index + 1, text, index % 2 ? { stepIndex: 2 } : {}),
      );
      lines.push(line(7, 'runner', { stream: 'system' }));

      await store.append('job-1', lines.slice(0, 3));
      await store.append('job-1', lines.slice(3));

      expect(await store.read('job-1')).toEqual(lines);
      expect(await store.read('job-2')).toEqual([]);
      expect(await store.lastSeq('job-1')).toBe(7);
      expect(await store.lastSeq('job-2')).toBe(0);
      expect(await store.byteCount('job-1')).toBe(
        lines.reduce((sum, l) => sum + Buffer.byteLength(l.text), 0),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'filters by position, step and text, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.append('job-1', [
        line(1, 'Installing deps', { stepIndex: 0 }),
        line(2, 'ERROR: 100% failed_now', { stepIndex: 1, stream: 'stderr' }),
        line(3, 'error again', { stepIndex: 1 }),
        line(4, 'done 100 percent', { stepIndex: 2 }),
      ]);
      const seqs = async (options: Parameters<typeof store.read>[1]) =>
        (await store.read('job-1', options)).map(l => l.seq);

      expect(await seqs({ after: 1, limit: 2 })).toEqual([2, 3]);
      expect(await seqs({ stepIndex: 1 })).toEqual([2, 3]);
      expect(await seqs({ search: 'error' })).toEqual([2, 3]);
      expect(await seqs({ search: '100%' })).toEqual([2]);
      expect(await seqs({ search: 'g_d' })).toEqual([]);
      expect(await seqs({ search: 'd_n' })).toEqual([2]);
      expect(await seqs({ search: 'failed_' })).toEqual([2]);
      expect(await seqs({ stepIndex: 1, after: 2 })).toEqual([3]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records truncation per job, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.append('job-1', [line(1, 'x')]);

      expect(await store.isTruncated('job-1')).toBe(false);
      await store.markTruncated('job-1');
      await store.markTruncated('job-2');
      expect(await store.isTruncated('job-1')).toBe(true);
      expect(await store.isTruncated('job-2')).toBe(true);
      expect(await store.isTruncated('job-3')).toBe(false);
      expect(await store.byteCount('job-1')).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores nothing of a batch that reuses a sequence number, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.append('job-1', [line(1, 'a')]);

      await expect(
        store.append('job-1', [line(2, 'b'), line(1, 'again')]),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await store.read('job-1')).map(l => l.text)).toEqual(['a']);
      expect(await store.byteCount('job-1')).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes 10,000 lines with a handful of INSERT statements, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const counter = countLineInserts(knex);
      const lines = Array.from({ length: 10000 }, (_, i) =>
        line(i + 1, `line ${i + 1}`),
      );

      await store.append('job-1', lines);

      expect(counter.inserts).toBeGreaterThanOrEqual(1);
      expect(counter.inserts).toBeLessThanOrEqual(10);
      expect(await store.lastSeq('job-1')).toBe(10000);
      const page = await store.read('job-1', { after: 9990, limit: 100000 });
      expect(page.map(l => l.seq)).toEqual(
        Array.from({ length: 10 }, (_, i) => 9991 + i),
      );
      expect(await store.read('job-1', { limit: 20000 })).toHaveLength(10000);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      await knex.migrate.rollback(
        {
          migrationSource: {
            getMigrations: async () => ['20261203000002_logs.js'],
            getMigrationName: (name: string) => name,
            getMigration: async () =>
              // eslint-disable-next-line @typescript-eslint/no-require-imports
              require('../../migrations/20261203000002_logs.js'),
          },
        },
        true,
      );
      expect(await knex.schema.hasTable('pipelines_log_lines')).toBe(false);
      expect(await knex.schema.hasTable('pipelines_logs')).toBe(false);
      await migrateLogTables(knex);
      expect(await knex.schema.hasTable('pipelines_log_lines')).toBe(true);
    },
  );
});
