import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { JobRecord, RunRecord } from '../database/types';

/** Topic of the notifications of GoLive pipelines. */
export const PIPELINES_NOTIFICATION_TOPIC = 'golive.pipelines';

/**
 * Tells the owners of an entity about its failed runs and about deployments
 * that wait for an approval. A notification that cannot be sent is logged;
 * it never holds up a run.
 */
export class RunNotifier {
  private constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    return new RunNotifier(options.notifications, options.logger);
  }

  async runFailed(run: RunRecord) {
    await this.send(run, {
      title: `Pipeline "${run.pipelineName}" failed on ${shortRef(run.ref)}`,
      description: `Run of ${run.entityRef} at ${run.sha.slice(
        0,
        7,
      )}, started by ${run.actor}`,
      severity: 'high',
      scope: `run:${run.id}:failed`,
    });
  }

  async approvalWaiting(run: RunRecord, job: Pick<JobRecord, 'id' | 'name'>) {
    await this.send(run, {
      title: `Deployment "${job.name}" of "${run.pipelineName}" waits for approval`,
      description: `Run of ${run.entityRef} at ${run.sha.slice(0, 7)}`,
      severity: 'normal',
      scope: `job:${job.id}:approval`,
    });
  }

  private async send(
    run: RunRecord,
    payload: Omit<NotificationSendOptions['payload'], 'link' | 'topic'>,
  ) {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: run.entityRef },
        payload: {
          ...payload,
          link: `/pipelines/runs/${run.id}`,
          topic: PIPELINES_NOTIFICATION_TOPIC,
        },
      });
    } catch (error) {
      this.logger.warn('Notification could not be sent', {
        runId: run.id,
        error: String(error),
      });
    }
  }
}

function shortRef(ref: string) {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}
