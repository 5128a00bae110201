import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  LogPage,
  Run,
  RunFilter,
  RunList,
} from '@golive/plugin-pipelines-common';

/**
 * Reads pipeline runs and logs on behalf of a caller, with the caller's
 * permissions.
 *
 * @public
 */
export interface PipelinesRunsService {
  /** A run with its jobs, or undefined when it does not exist. */
  getRun(
    runId: string,
    options: { credentials: BackstageCredentials },
  ): Promise<Run | undefined>;
  /** A page of runs, newest first. */
  listRuns(
    filter: RunFilter,
    options: { credentials: BackstageCredentials },
  ): Promise<RunList>;
  /** A page of the log of one job. */
  readLog(
    options: {
      runId: string;
      jobId: string;
      after?: number;
      limit?: number;
      search?: string;
    },
    requestOptions: { credentials: BackstageCredentials },
  ): Promise<LogPage>;
}

/**
 * Service ref of {@link PipelinesRunsService}. Its default factory calls
 * the pipelines backend over HTTP, so it works from any plugin and any
 * backend instance.
 *
 * @public
 */
export const pipelinesRunsServiceRef = createServiceRef<PipelinesRunsService>({
  id: 'golive.pipelines.runs',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory({ auth, discovery }) {
        const call = async <T>(
          path: string,
          credentials: BackstageCredentials,
        ): Promise<T | undefined> => {
          const baseUrl = await discovery.getBaseUrl('pipelines');
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: credentials,
            targetPluginId: 'pipelines',
          });
          const response = await fetch(`${baseUrl}${path}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (response.status === 404) return undefined;
          if (!response.ok) throw await ResponseError.fromResponse(response);
          return (await response.json()) as T;
        };
        const query = (values: Record<string, unknown>) => {
          const params = new URLSearchParams();
          for (const [key, value] of Object.entries(values)) {
            if (value === undefined) continue;
            params.set(
              key,
              Array.isArray(value) ? value.join(',') : String(value),
            );
          }
          return params.toString();
        };
        return {
          getRun: (runId, { credentials }) =>
            call<Run>(`/runs/${encodeURIComponent(runId)}`, credentials),
          async listRuns(filter, { credentials }) {
            const list = await call<RunList>(
              `/runs?${query({ ...filter })}`,
              credentials,
            );
            return list ?? { items: [], totalCount: 0 };
          },
          async readLog({ runId, jobId, ...rest }, { credentials }) {
            const page = await call<LogPage>(
              `/runs/${encodeURIComponent(runId)}/jobs/${encodeURIComponent(
                jobId,
              )}/logs?${query(rest)}`,
              credentials,
            );
            return page ?? { lines: [], truncated: false, live: false };
          },
        };
      },
    }),
});
