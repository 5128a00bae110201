import type { JobStatus } from '@golive/plugin-pipelines-common';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import { now } from '../database/rows';
import type { JobRecord } from '../database/types';
import type { JobLog, PipelinesExecutor } from '../service/types';
import { stepDirectory } from './processPipelineJob';

/**
 * Runs the steps of a job one after the other. A failed step ends the job
 * unless it may fail (`continueOnError`). Returns the job's status.
 */
export async function runSteps(options: {
  job: JobRecord;
  attempt: number;
  directory: string;
  env: Record<string, string>;
  secrets: Record<string, string>;
  signal: AbortSignal;
  executor: PipelinesExecutor;
  jobs: DatabaseJobStore;
  log: JobLog;
}): Promise<JobStatus> {
  const { job, attempt, jobs, log, signal } = options;

  for (const [index, step] of job.definition.steps.entries()) {
    if (signal.aborted) return 'cancelled';
    const startedAt = now();
    // recorded while the step starts; its end is recorded after this
    const started = jobs.updateStep(job.id, attempt, index, {
      status: 'running',
      startedAt,
    });
    started.catch(() => undefined);
    await log.write(index, 'system', `Step "${step.name}"\n`);

    const result = await options.executor.runStep(
      {
        command: step.run,
        shell: step.shell,
        cwd: stepDirectory(options.directory, step.workingDirectory),
        env: { ...options.env, ...step.env, ...options.secrets },
        timeoutMs: step.timeoutMinutes
          ? step.timeoutMinutes * 60_000
          : undefined,
      },
      { write: (stream, chunk) => void log.write(index, stream, chunk) },
      signal,
    );

    await started;
    let stepStatus: 'succeeded' | 'failed' | 'cancelled' = 'succeeded';
    if (result.cancelled) stepStatus = 'cancelled';
    else if (result.timedOut || result.exitCode !== 0) stepStatus = 'failed';
    await jobs.updateStep(job.id, attempt, index, {
      status: stepStatus,
      exitCode: result.exitCode ?? undefined,
      startedAt,
      finishedAt: now(),
      durationMs: result.durationMs,
    });
    await log.write(
      index,
      'system',
      result.timedOut
        ? `Step timed out after ${result.durationMs} ms\n`
        : `Step ended with ${stepStatus} (exit code ${
            result.exitCode ?? 'none'
          })\n`,
    );
    // readers of the step see its whole output once it ended
    await log.flush();

    if (stepStatus === 'cancelled') return 'cancelled';
    if (stepStatus === 'failed' && !step.continueOnError) return 'failed';
  }
  return 'succeeded';
}
