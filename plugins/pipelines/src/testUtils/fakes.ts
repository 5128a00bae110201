import { SignalApi } from '@backstage/plugin-signals-react';
import {
  LogPage,
  Run,
  RunJob,
  RunList,
  RunStep,
} from '@golive/plugin-pipelines-common';
import { PipelinesApi } from '../api/PipelinesApi';

/**
 * An in-memory PipelinesApi for UI tests. Every method answers something
 * harmless unless the test overrides it.
 */
export function fakePipelinesApi(
  overrides: Partial<PipelinesApi> = {},
): PipelinesApi {
  const emptyLog: LogPage = { lines: [], truncated: false, live: false };
  return {
    getSchema: async () => ({}),
    validatePipeline: async () => ({ valid: true, problems: [] }),
    listRuns: async (): Promise<RunList> => ({ items: [], totalCount: 0 }),
    createRun: async request => aRun({ entityRef: request.entityRef }),
    getRun: async runId => aRun({ id: runId }),
    cancelRun: async runId => aRun({ id: runId, status: 'cancelled' }),
    rerun: async () => aRun({ id: 'rerun-1' }),
    decideApproval: async runId => aRun({ id: runId }),
    getLogs: async () => emptyLog,
    streamLogs: async () => {},
    getLogDownloadUrl: async (runId, jobId) =>
      `http://backend/runs/${runId}/jobs/${jobId}/logs/download`,
    listArtifacts: async () => ({ items: [] }),
    getArtifactUrl: async (runId, id) =>
      `http://backend/runs/${runId}/artifacts/${id}`,
    download: async () => new Blob(['log']),
    getEntityPipeline: async () => undefined,
    getExternalSources: async () => ({ items: [] }),
    listSecrets: async () => ({ items: [] }),
    putSecret: async () => {},
    deleteSecret: async () => {},
    ...overrides,
  };
}

type Listener = (message: Message) => void;
type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signal API whose test can send messages to subscribers. */
export function fakeSignalApi() {
  const subscribers = new Map<string, Set<Listener>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage as Listener);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage as Listener) };
    },
  };
  const send = (channel: string, message: Message = {}) =>
    subscribers.get(channel)?.forEach(onMessage => onMessage(message));
  return { api, send };
}

export function aStep(overrides: Partial<RunStep> = {}): RunStep {
  return {
    id: 'step-1',
    index: 0,
    name: 'Install',
    status: 'succeeded',
    startedAt: '2024-05-01T10:00:05Z',
    finishedAt: '2024-05-01T10:00:35Z',
    durationMs: 30_000,
    ...overrides,
  };
}

export function aJob(overrides: Partial<RunJob> = {}): RunJob {
  return {
    id: 'job-build',
    key: 'build',
    name: 'build',
    status: 'succeeded',
    needs: [],
    approvalRequired: false,
    attempt: 1,
    startedAt: '2024-05-01T10:00:00Z',
    finishedAt: '2024-05-01T10:01:00Z',
    durationMs: 60_000,
    steps: [aStep()],
    ...overrides,
  };
}

export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    number: 12,
    entityRef: 'component:default/shop',
    pipelineName: 'ci',
    status: 'succeeded',
    trigger: 'push',
    actor: 'user:default/ada',
    ref: 'main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    inputs: {},
    createdAt: '2024-05-01T10:00:00Z',
    startedAt: '2024-05-01T10:00:00Z',
    finishedAt: '2024-05-01T10:02:05Z',
    durationMs: 125_000,
    ...overrides,
  };
}
