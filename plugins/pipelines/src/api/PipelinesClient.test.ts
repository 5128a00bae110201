import { mockApis } from '@backstage/frontend-test-utils';
import { lineEvent, streamOf, streamResponse } from '../testUtils/streams';
import { isRunAccepted } from './PipelinesApi';
import { PipelinesClient } from './PipelinesClient';

const baseUrl = 'http://backend/api/pipelines';

function jsonResponse(status: number, body: unknown): Response {
  return {
    ok: status < 400,
    status,
    statusText: status < 400 ? 'OK' : 'Error',
    headers: { get: () => 'application/json' },
    json: async () => body,
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

function clientWith(handler: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const client = PipelinesClient.create({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        const url = String(input);
        calls.push({ url, init });
        return handler(url, init);
      },
    },
  });
  return { client, calls };
}

describe('PipelinesClient', () => {
  it('lists runs with the filters as query parameters', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse(200, { items: [], totalCount: 0 }),
    );

    await client.listRuns({
      status: ['failed', 'running'],
      entityRef: 'component:default/shop',
      trigger: ['push'],
      limit: 25,
      cursor: 'abc',
    });

    const url = new URL(calls[0].url);
    expect(url.origin + url.pathname).toBe(`${baseUrl}/runs`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'failed,running',
      entityRef: 'component:default/shop',
      trigger: 'push',
      limit: '25',
      cursor: 'abc',
    });
  });

  it('posts approvals to the job of the run', async () => {
    const { client, calls } = clientWith(() => jsonResponse(200, { id: 'r1' }));

    await client.decideApproval('r1', 'j/2', {
      decision: 'reject',
      comment: 'not today',
    });

    expect(calls[0].url).toBe(`${baseUrl}/runs/r1/jobs/j%2F2/approval`);
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      decision: 'reject',
      comment: 'not today',
    });
  });

  it('throws a ResponseError with the server message on failure', async () => {
    const { client } = clientWith(() =>
      jsonResponse(409, {
        error: { name: 'ConflictError', message: "Run 'r1' has finished" },
        response: { statusCode: 409 },
      }),
    );

    await expect(client.cancelRun('r1')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      cause: { message: "Run 'r1' has finished" },
    });
  });

  it('answers undefined for an entity without a pipeline', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse(404, {
        error: { name: 'NotFoundError', message: 'No pipeline' },
        response: { statusCode: 404 },
      }),
    );

    await expect(
      client.getEntityPipeline('component:default/shop'),
    ).resolves.toBeUndefined();
    expect(calls[0].url).toBe(
      `${baseUrl}/entities/default/component/shop/pipeline`,
    );
  });

  it('resumes the live log with Last-Event-ID through fetchApi', async () => {
    const bodies = [
      streamOf([lineEvent(1), lineEvent(2)], new Error('dropped')),
      streamOf([lineEvent(2), lineEvent(3), 'event: end\ndata:\n\n']),
    ];
    const { client, calls } = clientWith(() => streamResponse(bodies.shift()!));
    const seen: number[] = [];

    await client.streamLogs('r1', 'j1', {
      onLine: line => seen.push(line.seq),
    });

    expect(seen).toEqual([1, 2, 3]);
    const headers = calls.map(
      call => (call.init?.headers as Record<string, string>)['Last-Event-ID'],
    );
    expect(headers).toEqual([undefined, '2']);
    expect(calls[1].url).toBe(`${baseUrl}/runs/r1/jobs/j1/logs/stream`);
  });

  it('filters runs by provider', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse(200, { items: [], totalCount: 0 }),
    );

    await client.listRuns({ provider: ['jenkins', 'golive'] });

    expect(new URL(calls[0].url).searchParams.get('provider')).toBe(
      'jenkins,golive',
    );
  });

  it('reads the external sources of an entity', async () => {
    const source = {
      provider: 'jenkins',
      providerTitle: 'Jenkins',
      source: 'main:shop/deploy',
      label: 'shop/deploy',
      inputs: [],
      canTrigger: true,
    };
    const { client, calls } = clientWith(() =>
      jsonResponse(200, { items: [source] }),
    );

    await expect(
      client.getExternalSources('component:default/shop'),
    ).resolves.toEqual({ items: [source] });
    expect(calls[0].url).toBe(
      `${baseUrl}/external-sources?entityRef=component%3Adefault%2Fshop`,
    );
  });

  it('answers accepted when a provider takes a new external run', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse(202, { accepted: true }),
    );

    await expect(
      client.createRun({
        entityRef: 'component:default/shop',
        provider: 'jenkins',
        source: 'main:shop/deploy',
        inputs: { VERSION: '1.4.2' },
      }),
    ).resolves.toEqual({ accepted: true });
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      entityRef: 'component:default/shop',
      provider: 'jenkins',
      source: 'main:shop/deploy',
      inputs: { VERSION: '1.4.2' },
    });
  });

  it('answers the new run when GoLive starts it', async () => {
    const { client } = clientWith(() =>
      jsonResponse(201, { id: 'r2', number: 5 }),
    );

    const started = await client.createRun({
      entityRef: 'component:default/shop',
    });

    expect(isRunAccepted(started)).toBe(false);
    expect(started).toMatchObject({ id: 'r2', number: 5 });
  });

  it('answers accepted when a provider takes a re-run', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse(202, { accepted: true }),
    );

    const started = await client.rerun('jenkins:shop/88');

    expect(isRunAccepted(started)).toBe(true);
    expect(calls[0].url).toBe(`${baseUrl}/runs/jenkins%3Ashop%2F88/rerun`);
  });

  it('passes on the message of an unavailable provider', async () => {
    const { client } = clientWith(() =>
      jsonResponse(503, {
        error: {
          name: 'ServiceUnavailableError',
          message: 'Jenkins "main" is not answering',
        },
        response: { statusCode: 503 },
      }),
    );

    await expect(client.getRun('r1')).rejects.toMatchObject({
      statusCode: 503,
      cause: { message: 'Jenkins "main" is not answering' },
    });
  });
});
