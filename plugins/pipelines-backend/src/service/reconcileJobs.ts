import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JobQueue } from '@golive/platform-node';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import type { PipelineJobData, RunOrchestrator } from './RunOrchestrator';

/**
 * One pass of the reconciler. The database is the system of record; the
 * queue may have lost entries (Redis restarted empty, in-process queue
 * after a restart) and workers may have died. Every repair gives the job a
 * new attempt, so a late worker of the old attempt cannot write.
 */
export async function reconcileJobs(deps: {
  runs: DatabaseRunStore;
  jobs: DatabaseJobStore;
  queue: JobQueue<PipelineJobData>;
  orchestrator: RunOrchestrator;
  logger: LoggerService;
  /** A running job without a heartbeat this long has lost its worker. */
  staleAfterMs: number;
  /** A queued job younger than this is left alone (its add may be pending). */
  graceMs?: number;
}): Promise<{ requeued: number }> {
  const { jobs, queue, orchestrator, logger } = deps;
  let requeued = 0;
  const nowMs = Date.now();

  for (const job of await jobs.listJobsInStatus(['queued', 'running'])) {
    let lost = false;
    if (job.status === 'queued') {
      const entry = await queue.getJob(`${job.id}-${job.attempt}`);
      lost = !entry || entry.state === 'failed' || entry.state === 'completed';
      if (!entry) {
        // a job queued a moment ago may not have reached the queue yet
        const queuedAt = Date.parse(job.queuedAt ?? '') || 0;
        if (queuedAt && nowMs - queuedAt < (deps.graceMs ?? 5000)) lost = false;
      }
    } else {
      const beat = job.heartbeatAt ? Date.parse(job.heartbeatAt) : 0;
      lost = nowMs - beat > deps.staleAfterMs;
    }
    if (!lost) continue;

    const next = await jobs.newAttempt(job.id, {
      attempt: job.attempt,
      from: [job.status],
    });
    if (next) {
      requeued++;
      logger.warn('Re-enqueued a lost job', {
        jobId: job.id,
        runId: job.runId,
        was: job.status,
        attempt: next,
      });
      await orchestrator.enqueue(job.id, next, job.runId);
    }
  }

  // a crash between a job's end and the next jobs' queueing leaves runs stuck
  for (const runId of await deps.runs.listActiveRunIds()) {
    await orchestrator.advance(runId);
  }
  return { requeued };
}
