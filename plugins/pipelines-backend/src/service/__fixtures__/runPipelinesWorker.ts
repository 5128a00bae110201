/*
 * A pipelines worker in a process of its own, for the fault tests: it
 * joins the test's database and BullMQ queue, prints "ready" once it takes
 * jobs, and runs until the test kills it.
 */
import knexFactory from 'knex';
import { startPipelinesCore } from './startPipelinesCore';

async function main() {
  const { PG_CONNECTION, REDIS_URL, QUEUE_PREFIX, DATA_DIR, REPOSITORY_URL } =
    process.env;
  if (!PG_CONNECTION || !REDIS_URL || !QUEUE_PREFIX || !DATA_DIR) {
    throw new Error('PG_CONNECTION, REDIS_URL, QUEUE_PREFIX, DATA_DIR unset');
  }
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(PG_CONNECTION),
  });
  const core = await startPipelinesCore({
    knex,
    redisUrl: REDIS_URL,
    queuePrefix: QUEUE_PREFIX,
    dataDirectory: DATA_DIR,
    repositoryUrl: REPOSITORY_URL ?? '',
    migrate: false,
  });
  await core.startWorker();
  process.stdout.write('ready\n');
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
