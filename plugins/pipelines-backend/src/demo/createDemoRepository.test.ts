import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { parsePipelineFile } from '@golive/plugin-pipelines-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';
import {
  createDemoRepository,
  DEMO_REPOSITORY_PATH,
} from './createDemoRepository';

jest.setTimeout(90_000);

const finished = (run: any) =>
  ['succeeded', 'failed', 'cancelled'].includes(run.status);

describe('createDemoRepository', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('writes a pipeline that parses without problems', async () => {
    const { dataDirectory } = await createTestBackend({
      databases,
      databaseId: 'SQLITE_3',
      repositoryUrl: DEMO_REPOSITORY_PATH,
    });
    const directory = await createDemoRepository({
      dataDirectory,
      logger: mockServices.logger.mock(),
    });
    const content = readFileSync(
      join(directory, '.golive/pipeline.yaml'),
      'utf8',
    );

    const { pipeline, problems } = parsePipelineFile(content);

    expect(problems).toEqual([]);
    expect(Object.keys(pipeline?.jobs ?? {})).toEqual([
      'build',
      'test',
      'deploy-staging',
      'deploy-production',
    ]);
  });

  it('builds, tests and deploys the demo once production is approved', async () => {
    // the plugin creates the repository at start, as the embedded default does
    const { api, waitForRun, logText } = await createTestBackend({
      databases,
      databaseId: 'SQLITE_3',
      repositoryUrl: DEMO_REPOSITORY_PATH,
      pipelinesConfig: { demo: { enabled: true } },
    });

    const created = await api.post('/runs', {
      entityRef: ENTITY_REF,
      inputs: { reason: 'test' },
    });
    expect(created.status).toBe(201);
    const waiting = await waitForRun(
      created.body.id,
      r => r.status === 'waiting' || finished(r),
      60_000,
    );
    expect(waiting.status).toBe('waiting');
    const byKey = (run: any, key: string) =>
      run.jobs.find((j: any) => j.key === key);
    expect(
      waiting.jobs.map((j: any) => [j.key, j.status, j.environment]),
    ).toEqual([
      ['build', 'succeeded', undefined],
      ['test', 'succeeded', undefined],
      ['deploy-staging', 'succeeded', 'staging'],
      ['deploy-production', 'waiting', 'production'],
    ]);
    expect(await logText(waiting.id, byKey(waiting, 'test').id)).toContain(
      '3 tests passed',
    );
    expect(
      await logText(waiting.id, byKey(waiting, 'deploy-staging').id),
    ).toContain('shop-web is live on https://staging.shop.example.com');

    const artifacts = await api.get(`/runs/${waiting.id}/artifacts`);
    const report = artifacts.body.items.find(
      (a: any) => a.path === 'reports/junit.xml',
    );
    expect(report).toMatchObject({
      kind: 'report',
      jobId: byKey(waiting, 'test').id,
    });
    const file = await api.get(`/runs/${waiting.id}/artifacts/${report.id}`);
    expect(file.status).toBe(200);
    expect(String(file.text ?? file.body)).toContain('<testsuites tests="3"');
    expect(
      artifacts.body.items
        .filter((a: any) => a.kind === 'artifact')
        .map((a: any) => a.path)
        .sort(),
    ).toEqual(['dist/VERSION', 'dist/prices.txt']);

    const production = byKey(waiting, 'deploy-production');
    const approved = await api.post(
      `/runs/${waiting.id}/jobs/${production.id}/approval`,
      { decision: 'approve', comment: 'ship it' },
    );
    expect(approved.status).toBe(200);

    const run = await waitForRun(waiting.id, finished, 30_000);
    expect(run.status).toBe('succeeded');
    expect(run.jobs.map((j: any) => j.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(await logText(run.id, production.id)).toContain(
      'shop-web is live on https://production.shop.example.com',
    );
  });
});
