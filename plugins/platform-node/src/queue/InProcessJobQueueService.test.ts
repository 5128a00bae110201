import { describeJobQueueContract } from './__testUtils__/describeJobQueueContract';
import { InProcessJobQueueService } from './InProcessJobQueueService';

describe('InProcessJobQueueService', () => {
  describeJobQueueContract(options => InProcessJobQueueService.create(options));
});
