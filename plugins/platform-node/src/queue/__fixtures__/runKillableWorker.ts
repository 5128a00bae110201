/*
 * A worker process for the stalled-job test: it builds a
 * BullMqJobQueueService with a short lock, starts a worker whose handler
 * never finishes, and prints one line when ready and one per job started,
 * until the test kills it.
 */
import { Redis } from 'ioredis';
import { BullMqJobQueueService } from '../BullMqJobQueueService';

async function main() {
  const { REDIS_URL, QUEUE_PREFIX, QUEUE_NAME } = process.env;
  if (!REDIS_URL || !QUEUE_PREFIX || !QUEUE_NAME) {
    throw new Error('REDIS_URL, QUEUE_PREFIX and QUEUE_NAME must be set');
  }

  const logger = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  const service = BullMqJobQueueService.create({
    connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    logger,
    prefix: QUEUE_PREFIX,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
  });

  await service.getQueue(QUEUE_NAME).process(async job => {
    process.stdout.write(`started ${job.id} ${job.attempt}\n`);
    await new Promise(() => {});
  });
  process.stdout.write('ready\n');
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
