import { TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';

jest.setTimeout(60_000);

const directory = resolve(__dirname, '../../migrations');

const run = (id: string, number: number, extra: object = {}) => ({
  id,
  number,
  entity_ref: 'component:default/shop',
  pipeline_name: 'shop',
  pipeline_path: '',
  repository_url: '',
  status: 'succeeded',
  trigger: 'push',
  actor: 'a',
  ref: 'main',
  sha: '',
  inputs: '{}',
  pipeline_snapshot: '{"content":""}',
  created_at: '2026-12-03T00:00:00.000Z',
  ...extra,
});

/**
 * The message a query fails with. Jest's `rejects.toThrow` does not
 * always take better-sqlite3's errors for errors and then reports that
 * nothing was thrown, so the message is compared instead.
 */
const failureOf = (query: PromiseLike<unknown>) =>
  Promise.resolve(query).then(
    () => 'the query succeeded',
    (error: Error) => String(error?.message ?? error),
  );

describe('migration 20261203000004_integrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps own run numbers unique per entity but not external ones, and rolls back (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });

      await knex('pipelines_runs').insert(run('r1', 1));
      expect(
        await failureOf(knex('pipelines_runs').insert(run('r2', 1))),
      ).toMatch(/unique|duplicate/i);
      const jenkins = { provider: 'jenkins', source_key: 'main:web' };
      await knex('pipelines_runs').insert(
        run('j1', 1, { ...jenkins, external_id: '1' }),
      );
      // another workflow of the same source may repeat a number
      await knex('pipelines_runs').insert(
        run('j2', 1, { ...jenkins, external_id: '1b' }),
      );
      expect(
        await failureOf(
          knex('pipelines_runs').insert(
            run('j3', 7, { ...jenkins, external_id: '1' }),
          ),
        ),
      ).toMatch(/unique|duplicate/i);

      await knex.migrate.down({ directory });
      const rows = await knex('pipelines_runs').select('id');
      expect(rows.map(r => r.id)).toEqual(['r1']);
      expect(await knex.schema.hasTable('pipelines_webhook_inbox')).toBe(false);
      expect(await knex.schema.hasColumn('pipelines_runs', 'provider')).toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasColumn('pipelines_runs', 'provider')).toBe(
        true,
      );
    },
  );
});
