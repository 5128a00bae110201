import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RedisService } from '@golive/platform-node';
import type { Knex } from 'knex';
import {
  createLogBroadcaster,
  createLogStreamHandler,
  DatabaseLogStore,
  JobLogWriter,
} from '../logs';
import type { LogReader } from './logsRouter';
import type { JobLogFactory } from './types';

/**
 * Wires the log store, the live broadcaster (Redis when configured) and
 * the writers of job attempts for the rest of the plugin.
 */
export async function createJobLogs(options: {
  db: Knex;
  redis: RedisService;
  logger: LoggerService;
  maxBytes: number;
  isJobFinished: (jobId: string) => Promise<boolean>;
}) {
  const store = DatabaseLogStore.create({ knex: options.db });
  const broadcaster = createLogBroadcaster({
    redis: options.redis,
    logger: options.logger,
  });

  const openLog: JobLogFactory = async ({ jobId, secrets, empty }) =>
    JobLogWriter.create({
      jobId,
      store,
      broadcaster,
      secrets,
      empty,
      // a new attempt appends after the lines of the previous ones
      startSeq: empty ? 0 : await store.lastSeq(jobId),
      logger: options.logger,
      maxBytes: options.maxBytes,
    });

  const reader: LogReader = {
    read: (jobId, { step, ...rest }) =>
      store.read(jobId, { ...rest, stepIndex: step }),
    isTruncated: jobId => store.isTruncated(jobId),
  };
  const streamHandler = createLogStreamHandler({
    store,
    broadcaster,
    isJobFinished: options.isJobFinished,
  });
  return { openLog, reader, streamHandler };
}
