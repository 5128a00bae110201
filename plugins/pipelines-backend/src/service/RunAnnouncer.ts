import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  JobEvent,
  JobStatus,
  PIPELINES_EVENT_TOPIC,
  RunEvent,
  RunStatus,
  RUNS_SIGNAL_CHANNEL,
  runSignalChannel,
} from '@golive/plugin-pipelines-common';
import type { JobRecord, RunRecord } from '../database/types';
import type { CommitStatusOutbox } from '../scm/CommitStatusOutbox';

/**
 * Tells everyone who listens that a run or job changed: lifecycle events on
 * `golive.pipelines`, signals for open pages, and commit statuses through
 * the outbox. A failure to tell is logged, never thrown: the change itself
 * is already stored.
 */
export class RunAnnouncer {
  private constructor(
    private readonly deps: {
      events: EventsService;
      signals: SignalsService;
      /** Where commit statuses go; none without SCM providers. */
      commitStatuses?: CommitStatusOutbox;
      logger: LoggerService;
    },
  ) {}

  static create(deps: RunAnnouncer['deps']) {
    return new RunAnnouncer(deps);
  }

  async announceJob(
    run: Pick<RunRecord, 'id' | 'entityRef'>,
    job: Pick<JobRecord, 'id' | 'key' | 'attempt'>,
    type: JobEvent['type'],
    status: JobStatus,
  ) {
    const payload: JobEvent = {
      type,
      runId: run.id,
      jobId: job.id,
      jobKey: job.key,
      entityRef: run.entityRef,
      status,
      attempt: job.attempt,
    };
    await this.publish(payload, run.id);
  }

  async announceRun(run: RunRecord, status: RunStatus) {
    let type: RunEvent['type'] = 'run.started';
    if (status === 'queued') type = 'run.created';
    if (['succeeded', 'failed', 'cancelled'].includes(status)) {
      type = 'run.finished';
    }
    const payload: RunEvent = {
      type,
      runId: run.id,
      entityRef: run.entityRef,
      status,
      sha: run.sha,
      ref: run.ref,
      trigger: run.trigger,
      actor: run.actor,
    };
    await this.publish(payload, run.id);
    await this.recordCommitStatus(run, status);
  }

  /** Writes the commit status to the outbox, then sends it in the background. */
  private async recordCommitStatus(run: RunRecord, status: RunStatus) {
    const outbox = this.deps.commitStatuses;
    if (!outbox) return;
    const logError = (error: unknown) =>
      this.deps.logger.error('Commit status could not be recorded', {
        runId: run.id,
        status,
        error: String(error),
      });
    try {
      if (!(await outbox.record(run, status)).length) return;
    } catch (error) {
      logError(error);
      return;
    }
    outbox.deliverRun(run.id).catch(logError);
  }

  private async publish(payload: RunEvent | JobEvent, runId: string) {
    try {
      await this.deps.events.publish({
        topic: PIPELINES_EVENT_TOPIC,
        eventPayload: payload,
      });
      // Signals go to every signed-in user, readers of the entity or not,
      // so they say only that a run changed; views read the run through
      // the permission-checked API.
      const message = { type: payload.type, runId };
      const recipients = { type: 'broadcast' as const };
      await this.deps.signals.publish({
        recipients,
        channel: runSignalChannel(runId),
        message,
      });
      await this.deps.signals.publish({
        recipients,
        channel: RUNS_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      this.deps.logger.warn('Status change could not be published', {
        runId,
        error: String(error),
      });
    }
  }
}
