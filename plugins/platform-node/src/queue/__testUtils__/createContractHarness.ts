import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JobQueue, JobQueueService } from '../types';
import { captureLogs } from './captureLogs';
import { waitFor } from './waitFor';

/** A job queue service with the close that its default factory calls. */
export type ClosableJobQueueService = JobQueueService & {
  close(): Promise<void>;
};

/** Options that the contract passes to the service under test. */
export interface ContractServiceOptions {
  logger: LoggerService;
  shutdownTimeoutMs: number;
}

/** Data of the jobs of the contract. */
export type RunData = { runId: string };

/** What the contract tests use to open services and queues. */
export interface ContractHarness {
  open(options?: Partial<ContractServiceOptions>): ClosableJobQueueService;
  openQueue(service?: ClosableJobQueueService): JobQueue<RunData>;
  waitForState(
    queue: JobQueue<RunData>,
    jobId: string,
    state: string,
  ): Promise<void>;
}

// Timers may fire a little early against Date.now(); upper bounds get
// generous room for a loaded machine, lower bounds only this slack.
export const SLACK_MS = 15;
export const ROOM_MS = 1500;

/**
 * Opens services with fresh queue names for each test, and closes them
 * after each test. Call it inside a describe block.
 */
export function createContractHarness(
  createService: (options: ContractServiceOptions) => ClosableJobQueueService,
): ContractHarness {
  let services: ClosableJobQueueService[] = [];
  let queueCount = 0;

  afterEach(async () => {
    await Promise.all(services.map(service => service.close()));
    services = [];
  });

  const open = (options?: Partial<ContractServiceOptions>) => {
    const service = createService({
      logger: captureLogs().logger,
      shutdownTimeoutMs: 3000,
      ...options,
    });
    services.push(service);
    return service;
  };

  return {
    open,
    openQueue(service = open()) {
      queueCount += 1;
      return service.getQueue<RunData>(`contract-${queueCount}`);
    },
    async waitForState(queue, jobId, state) {
      await waitFor(async () => (await queue.getJob(jobId))?.state === state);
    },
  };
}
