import type {
  JobStatus,
  RunJob,
  RunStatus,
  RunStep,
  StepStatus,
} from '@golive/plugin-pipelines-common';
import { WfapiNode, WfapiRun, WfapiStage, WfapiStatus } from '../client/types';

/** Id of the single job that stands for a whole freestyle build. */
export const WHOLE_BUILD_JOB_ID = 'build';

function mapNodeStatus(status: WfapiStatus, building: boolean): JobStatus {
  switch (status) {
    case 'SUCCESS':
      return 'succeeded';
    case 'FAILED':
    case 'UNSTABLE':
      return 'failed';
    case 'ABORTED':
      return 'cancelled';
    case 'IN_PROGRESS':
      return 'running';
    case 'PAUSED_PENDING_INPUT':
      return 'waiting';
    default:
      // NOT_EXECUTED: not reached yet while the build runs, skipped after
      return building ? 'pending' : 'skipped';
  }
}

function mapStepStatus(status: WfapiStatus, building: boolean): StepStatus {
  const jobStatus = mapNodeStatus(status, building);
  return jobStatus === 'waiting' || jobStatus === 'queued'
    ? 'running'
    : jobStatus;
}

function isFinished(status: JobStatus): boolean {
  return !['pending', 'queued', 'running', 'waiting'].includes(status);
}

function timings(node: WfapiNode, finished: boolean) {
  if (!node.startTimeMillis) {
    return {};
  }
  const duration = Math.max(0, node.durationMillis ?? 0);
  return {
    startedAt: new Date(node.startTimeMillis).toISOString(),
    ...(finished
      ? {
          finishedAt: new Date(node.startTimeMillis + duration).toISOString(),
          durationMs: duration,
        }
      : {}),
  };
}

function mapStep(node: WfapiNode, index: number, building: boolean): RunStep {
  const status = mapStepStatus(node.status, building);
  const finished = isFinished(status);
  return {
    id: node.id,
    index,
    name: node.parameterDescription
      ? `${node.name}: ${node.parameterDescription}`
      : node.name,
    status,
    ...timings(node, finished),
  };
}

/**
 * Stages of a Pipeline build as jobs, in the order Jenkins ran them, with
 * their step nodes when `details` has the stage. Stage ids are flow node
 * ids, stable for the life of the build.
 */
export function mapStages(
  run: WfapiRun,
  details: Map<string, WfapiStage>,
  building: boolean,
): RunJob[] {
  return run.stages.map(stage => {
    const status = mapNodeStatus(stage.status, building);
    const steps = details.get(stage.id)?.stageFlowNodes ?? [];
    return {
      id: stage.id,
      key: stage.name,
      name: stage.name,
      status,
      // The Stage View lists stages in order but does not tell what waits
      // for what (parallel branches are flattened), so no edges are claimed.
      needs: [],
      approvalRequired: false,
      attempt: 1,
      ...timings(stage, isFinished(status)),
      steps: steps.map((node, index) => mapStep(node, index, building)),
    };
  });
}

/** A freestyle build, which has no stages, as one job. */
export function wholeBuildJob(run: {
  name: string;
  status: RunStatus;
  startedAt?: string;
  finishedAt?: string;
}): RunJob {
  const { startedAt, finishedAt } = run;
  return {
    id: WHOLE_BUILD_JOB_ID,
    key: WHOLE_BUILD_JOB_ID,
    name: run.name,
    status: run.status,
    needs: [],
    approvalRequired: false,
    attempt: 1,
    startedAt,
    finishedAt,
    durationMs:
      startedAt && finishedAt
        ? Date.parse(finishedAt) - Date.parse(startedAt)
        : undefined,
    steps: [],
  };
}
