import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import { postgresUrl } from './settings';

/** A fresh PostgreSQL database for one benchmark, dropped afterwards. */
export interface BenchDatabase {
  name: string;
  knex: Knex;
  /** A plain pg client on the database, for raw baselines. */
  connect(): Promise<Client>;
  drop(): Promise<void>;
}

async function onServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${postgresUrl}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `golive_bench_${randomBytes(6).toString('hex')}`;
  await onServer(client => client.query(`CREATE DATABASE ${name}`));
  const connectionString = `${postgresUrl}/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: 10 },
  });
  const clients: Client[] = [];

  return {
    name,
    knex,
    async connect() {
      const client = new Client({ connectionString });
      await client.connect();
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.all(clients.map(c => c.end().catch(() => undefined)));
      await knex.destroy();
      await onServer(client =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}
