import { mockApis } from '@backstage/frontend-test-utils';
import { lineEvent, streamOf, streamResponse } from '../testUtils/streams';
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
});
