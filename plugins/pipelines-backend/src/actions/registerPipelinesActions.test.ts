import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';

jest.setTimeout(60_000);

const pipeline = `name: shop
on:
  manual: {}
jobs:
  build:
    steps:
      - name: Prepare
        run: echo ready
      - name: Compile
        run: for i in $(seq 1 60); do echo "line $i"; done; echo "error TS2322 in app.ts" >&2; exit 2
`;

const OUTSIDER = 'user:default/outsider';

describe('pipelines actions', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async () => {
      const registry = actionsRegistryServiceMock();
      const backend = await createTestBackend({
        databases,
        databaseId,
        pipeline,
        services: [
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => registry,
          }),
        ],
        // everyone may do everything, except that the outsider reads nothing
        permissions: createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            authorize: async (requests: any[], { credentials }: any) =>
              requests.map(() => ({
                result:
                  credentials.principal.userEntityRef === OUTSIDER
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
              })),
            authorizeConditional: async (requests: any[]) =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          }),
        }),
      });
      const created = await backend.api.post('/runs', {
        entityRef: ENTITY_REF,
      });
      const run = await backend.waitForRun(
        created.body.id,
        r => r.status === 'failed',
      );
      const invoke = (name: string, input: object, user?: string) =>
        registry.invoke({
          id: `test:${name}`,
          input: input as any,
          credentials: mockCredentials.user(user),
        });
      return { run, invoke };
    };

    it('lists the runs of an entity and gets a run with its jobs', async () => {
      const { run, invoke } = await setup();

      const list = await invoke('get-pipeline-runs', {
        entityRef: ENTITY_REF,
        limit: 5,
      });
      expect(list.output).toMatchObject({
        totalCount: 1,
        runs: [{ id: run.id, status: 'failed', entityRef: ENTITY_REF }],
      });

      const one = await invoke('get-pipeline-run', { runId: run.id });
      expect(one.output).toMatchObject({
        run: {
          id: run.id,
          jobs: [
            {
              key: 'build',
              status: 'failed',
              steps: [
                { name: 'Prepare', status: 'succeeded' },
                { name: 'Compile', status: 'failed', exitCode: 2 },
              ],
            },
          ],
        },
      });
    });

    it('returns the tail of the first failed step as the log excerpt', async () => {
      const { run, invoke } = await setup();

      const { output } = (await invoke('get-pipeline-log-excerpt', {
        runId: run.id,
      })) as any;

      expect(output).toMatchObject({
        jobId: run.jobs[0].id,
        stepName: 'Compile',
        source: 'failed-step',
      });
      const texts = output.lines.map((l: any) => l.text.trim());
      expect(texts).toHaveLength(40);
      expect(texts).not.toContain('ready');
      expect(texts).toContain('error TS2322 in app.ts');
      expect(texts).toContain('line 60');
      expect(texts).not.toContain('line 1');
    });

    it('denies reads to a caller without pipelines.run.read', async () => {
      const { run, invoke } = await setup();

      await expect(
        invoke('get-pipeline-runs', { entityRef: ENTITY_REF }, OUTSIDER),
      ).rejects.toThrow(/Not allowed to read runs/);
      await expect(
        invoke('get-pipeline-run', { runId: run.id }, OUTSIDER),
      ).rejects.toThrow(`Run "${run.id}" not found`);
      await expect(
        invoke('get-pipeline-log-excerpt', { runId: run.id }, OUTSIDER),
      ).rejects.toThrow(`Run "${run.id}" not found`);
    });
  });
});
