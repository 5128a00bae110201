import type { JobStatus, RunStatus } from './types';

/** Topic of the pipelines plugin on the events service. @public */
export const PIPELINES_EVENT_TOPIC = 'golive.pipelines';

/** Payload of a run lifecycle event. @public */
export interface RunEvent {
  type: 'run.created' | 'run.started' | 'run.finished';
  runId: string;
  entityRef: string;
  status: RunStatus;
  sha: string;
  ref: string;
  trigger: string;
  actor: string;
}

/** Payload of a job lifecycle event. @public */
export interface JobEvent {
  type: 'job.started' | 'job.finished' | 'job.waiting';
  runId: string;
  jobId: string;
  jobKey: string;
  entityRef: string;
  status: JobStatus;
  attempt: number;
}

/** Any event on {@link PIPELINES_EVENT_TOPIC}. @public */
export type PipelinesEvent = RunEvent | JobEvent;

/**
 * Signal channel of one run's status changes, for the browser. Signals go
 * to every signed-in user, so a message carries only `type` and `runId`;
 * the page reads the run through the permission-checked API. @public
 */
export const runSignalChannel = (runId: string) =>
  `golive.pipelines.run.${runId}`;

/** Signal channel of status changes of every run of the portal. @public */
export const RUNS_SIGNAL_CHANNEL = 'golive.pipelines.runs';
