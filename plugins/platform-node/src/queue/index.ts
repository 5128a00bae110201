export { BullMqJobQueueService } from './BullMqJobQueueService';
export type { BullMqJobQueueServiceOptions } from './BullMqJobQueueService';
export { InProcessJobQueueService } from './InProcessJobQueueService';
export type { InProcessJobQueueServiceOptions } from './InProcessJobQueueService';
export { jobQueueServiceRef } from './jobQueueServiceRef';
export { PermanentJobError } from './PermanentJobError';
export { readJobQueueConfig, type JobQueueConfig } from './readJobQueueConfig';
export type {
  AddJobOptions,
  AddJobResult,
  JobContext,
  JobCounts,
  JobHandler,
  JobInfo,
  JobQueue,
  JobQueueService,
  JobState,
  JobWorker,
  ProcessJobsOptions,
} from './types';
