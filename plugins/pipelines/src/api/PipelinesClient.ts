import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  CreateRunRequest,
  ExternalSourceSummary,
  LogPage,
  Run,
  RunArtifact,
  RunFilter,
  RunList,
  SecretSummary,
  ValidationResult,
} from '@golive/plugin-pipelines-common';
import { followLogStream } from './followLogStream';
import {
  EntityPipeline,
  LogQuery,
  LogStreamOptions,
  PipelinesApi,
  RunStart,
} from './PipelinesApi';

type Query = Record<string, string | number | undefined>;

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

const id = encodeURIComponent;

/** {@link PipelinesApi} over the backend's REST routes. */
export class PipelinesClient implements PipelinesApi {
  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): PipelinesClient {
    return new PipelinesClient(options.discoveryApi, options.fetchApi);
  }

  private constructor(
    private readonly discoveryApi: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  private async url(path: string, query: Query = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('pipelines');
    return `${baseUrl}${path}${toSearch(query)}`;
  }

  private async send(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<Response> {
    const response = await this.fetchApi.fetch(
      await this.url(path, options.query),
      {
        method,
        ...(options.body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async json<T>(
    method: string,
    path: string,
    options?: { query?: Query; body?: unknown },
  ): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.json()) as T;
  }

  getSchema(): Promise<unknown> {
    return this.json('GET', '/schema');
  }

  validatePipeline(content: string): Promise<ValidationResult> {
    return this.json('POST', '/validate', { body: { content } });
  }

  listRuns(filter: RunFilter = {}): Promise<RunList> {
    return this.json('GET', '/runs', {
      query: {
        entityRef: filter.entityRef,
        status: filter.status?.join(','),
        ref: filter.ref,
        actor: filter.actor,
        trigger: filter.trigger?.join(','),
        provider: filter.provider?.join(','),
        limit: filter.limit,
        cursor: filter.cursor,
      },
    });
  }

  async createRun(request: CreateRunRequest): Promise<RunStart> {
    return this.start(await this.send('POST', '/runs', { body: request }));
  }

  // An external provider answers 202 { accepted: true } instead of the run,
  // which only exists once the provider has started it.
  private async start(response: Response): Promise<RunStart> {
    if (response.status === 202) {
      return { accepted: true };
    }
    return (await response.json()) as Run;
  }

  getRun(runId: string): Promise<Run> {
    return this.json('GET', `/runs/${id(runId)}`);
  }

  cancelRun(runId: string): Promise<Run> {
    return this.json('POST', `/runs/${id(runId)}/cancel`);
  }

  async rerun(
    runId: string,
    options: { failedOnly?: boolean } = {},
  ): Promise<RunStart> {
    return this.start(
      await this.send('POST', `/runs/${id(runId)}/rerun`, { body: options }),
    );
  }

  decideApproval(
    runId: string,
    jobId: string,
    decision: { decision: 'approve' | 'reject'; comment?: string },
  ): Promise<Run> {
    return this.json('POST', `/runs/${id(runId)}/jobs/${id(jobId)}/approval`, {
      body: decision,
    });
  }

  getLogs(
    runId: string,
    jobId: string,
    query: LogQuery = {},
  ): Promise<LogPage> {
    return this.json('GET', `/runs/${id(runId)}/jobs/${id(jobId)}/logs`, {
      query: { ...query },
    });
  }

  async streamLogs(
    runId: string,
    jobId: string,
    options: LogStreamOptions,
  ): Promise<void> {
    const url = await this.url(
      `/runs/${id(runId)}/jobs/${id(jobId)}/logs/stream`,
    );
    await followLogStream({
      ...options,
      connect: (lastSeq, signal) =>
        this.fetchApi.fetch(url, {
          headers: {
            Accept: 'text/event-stream',
            ...(lastSeq > 0 && { 'Last-Event-ID': String(lastSeq) }),
          },
          signal,
        }),
    });
  }

  getLogDownloadUrl(runId: string, jobId: string): Promise<string> {
    return this.url(`/runs/${id(runId)}/jobs/${id(jobId)}/logs/download`);
  }

  listArtifacts(runId: string): Promise<{ items: RunArtifact[] }> {
    return this.json('GET', `/runs/${id(runId)}/artifacts`);
  }

  getArtifactUrl(runId: string, artifactId: string): Promise<string> {
    return this.url(`/runs/${id(runId)}/artifacts/${id(artifactId)}`);
  }

  async download(url: string): Promise<Blob> {
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  async getEntityPipeline(
    entityRef: string,
    options: { ref?: string } = {},
  ): Promise<EntityPipeline | undefined> {
    const { namespace, kind, name } = parseEntityRef(entityRef);
    try {
      return await this.json(
        'GET',
        `/entities/${id(namespace)}/${id(kind)}/${id(name)}/pipeline`,
        { query: { ref: options.ref } },
      );
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  getExternalSources(
    entityRef: string,
  ): Promise<{ items: ExternalSourceSummary[] }> {
    return this.json('GET', '/external-sources', { query: { entityRef } });
  }

  listSecrets(entityRef?: string): Promise<{ items: SecretSummary[] }> {
    return this.json('GET', '/secrets', { query: { entityRef } });
  }

  async putSecret(
    name: string,
    value: string,
    entityRef?: string,
  ): Promise<void> {
    await this.send('PUT', `/secrets/${id(name)}`, {
      body: { value, entityRef },
    });
  }

  async deleteSecret(name: string, entityRef?: string): Promise<void> {
    await this.send('DELETE', `/secrets/${id(name)}`, {
      query: { entityRef },
    });
  }
}
