import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  JobStatus,
  RunStatus,
  StepStatus,
} from '@golive/plugin-pipelines-common';

export type AnyStatus = RunStatus | JobStatus | StepStatus;

/** Words for each status, as people say them. */
export const statusText: Record<AnyStatus, string> = {
  pending: 'Pending',
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting for approval',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export interface StatusLabelProps {
  status: AnyStatus;
}

/** A run, job or step status with its coloured dot. */
export function StatusLabel(props: StatusLabelProps) {
  const { status } = props;
  const text = statusText[status] ?? status;
  switch (status) {
    case 'succeeded':
      return <StatusOK>{text}</StatusOK>;
    case 'failed':
      return <StatusError>{text}</StatusError>;
    case 'running':
      return <StatusRunning>{text}</StatusRunning>;
    case 'waiting':
      return <StatusWarning>{text}</StatusWarning>;
    case 'cancelled':
    case 'skipped':
      return <StatusAborted>{text}</StatusAborted>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
}
