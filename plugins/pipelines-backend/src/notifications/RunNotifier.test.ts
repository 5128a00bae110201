import { createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';

jest.setTimeout(60_000);

const failing = `name: shop
on:
  manual: {}
jobs:
  build:
    steps:
      - name: Compile
        run: echo compiling && exit 2
`;

const gated = `name: shop
on:
  manual: {}
jobs:
  deploy:
    environment:
      name: production
      approval: true
    steps:
      - name: Ship
        run: echo shipped
`;

describe('RunNotifier', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = async (pipeline: string) => {
      const sent: NotificationSendOptions[] = [];
      const backend = await createTestBackend({
        databases,
        databaseId,
        pipeline,
        services: [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) =>
                void sent.push(options),
            }),
          }),
        ],
      });
      const created = await backend.api.post('/runs', {
        entityRef: ENTITY_REF,
      });
      // the notification follows the status change by a moment
      const settled = async () => {
        for (let i = 0; i < 50 && !sent.length; i++) {
          await new Promise(r => setTimeout(r, 100));
        }
        return sent;
      };
      return { ...backend, settled, runId: created.body.id as string };
    };

    it('tells the owners that a run failed, with high severity', async () => {
      const { settled, runId, waitForRun } = await setup(failing);

      await waitForRun(runId, r => r.status === 'failed');

      expect(await settled()).toEqual([
        {
          recipients: { type: 'entity', entityRef: ENTITY_REF },
          payload: expect.objectContaining({
            title: 'Pipeline "shop" failed on main',
            severity: 'high',
            link: `/pipelines/runs/${runId}`,
          }),
        },
      ]);
    });

    it('tells the owners that a deployment waits for approval', async () => {
      const { settled, runId, waitForRun } = await setup(gated);

      await waitForRun(runId, r => r.status === 'waiting');

      expect(await settled()).toEqual([
        {
          recipients: { type: 'entity', entityRef: ENTITY_REF },
          payload: expect.objectContaining({
            title: 'Deployment "deploy" of "shop" waits for approval',
            severity: 'normal',
            link: `/pipelines/runs/${runId}`,
          }),
        },
      ]);
    });
  });
});
