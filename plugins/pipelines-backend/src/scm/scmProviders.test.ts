import { TestDatabases } from '@backstage/backend-test-utils';
import type { PipelinesScmProvider } from '@golive/plugin-pipelines-node';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';
import { testScmModule } from '../webhooks/__testUtils__/testScmModule';

jest.setTimeout(60_000);

const pipeline = `name: shop
on:
  manual: {}
jobs:
  build:
    steps:
      - name: Build
        run: echo built
`;

describe('SCM providers in the pipelines backend', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('posts pending and success once each for a run of a hosted repository', async () => {
      const sent: Array<Record<string, string>> = [];
      let repositoryUrl = '';
      const host: PipelinesScmProvider = {
        id: 'test',
        supports: url => url === repositoryUrl,
        setCommitStatus: async options => void sent.push(options),
      };
      const t = await createTestBackend({
        databases,
        databaseId,
        pipeline,
        features: [testScmModule({ scm: [host] })],
      });
      repositoryUrl = t.repo;

      const created = await t.api.post('/runs', { entityRef: ENTITY_REF });
      expect(created.status).toBe(201);
      const run = await t.waitForRun(created.body.id, r =>
        ['succeeded', 'failed'].includes(r.status),
      );
      expect(run.status).toBe('succeeded');
      const deadline = Date.now() + 10000;
      while (!sent.some(s => s.state === 'success')) {
        if (Date.now() > deadline) throw new Error('No success status sent');
        await new Promise(r => setTimeout(r, 50));
      }

      expect(sent.map(s => s.state)).toEqual(['pending', 'success']);
      expect(sent[1]).toEqual({
        repositoryUrl: t.repo,
        sha: run.sha,
        state: 'success',
        context: 'golive/shop',
        description: 'Run #1 succeeded',
        targetUrl: `http://localhost:3000/pipelines/runs/${run.id}`,
      });
      const rows = await t.knex('pipelines_commit_statuses').select('state');
      expect(rows.map(r => r.state).sort()).toEqual(['pending', 'success']);
    });

    it('reads the pipeline through the provider of a slug-only entity', async () => {
      const reads: string[] = [];
      const host: PipelinesScmProvider = {
        id: 'test',
        slugAnnotation: 'git.test/project-slug',
        repositoryUrlFromSlug: slug => `https://git.test/${slug}`,
        supports: url => url.startsWith('https://git.test/'),
        resolveRef: async ({ ref }) => ({
          sha: 'b'.repeat(40),
          ref: ref ?? 'trunk',
        }),
        readFile: async ({ repositoryUrl, sha, path }) => {
          reads.push(`${repositoryUrl}@${sha}:${path}`);
          return 'name: from-api\non:\n  manual:\n    inputs:\n      target: {}\njobs:\n  a:\n    steps:\n      - run: echo a\n';
        },
        setCommitStatus: async () => {},
      };
      const t = await createTestBackend({
        databases,
        databaseId,
        annotations: {
          'golive.dev/repository-url': '',
          'git.test/project-slug': 'acme/shop',
        },
        features: [testScmModule({ scm: [host] })],
      });

      const res = await t.api.get('/entities/default/component/shop/pipeline');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'from-api',
        path: '.golive/pipeline.yaml',
      });
      expect(reads).toEqual([
        `https://git.test/acme/shop@${'b'.repeat(40)}:.golive/pipeline.yaml`,
      ]);
    });
  });
});
