import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import { fakePipelinesApi, fakeSignalApi } from '../../testUtils/fakes';
import { EntityCicdContent } from './EntityCicdContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

describe('EntityCicdContent', () => {
  it("shows the runs first and the component's secrets on their tab", async () => {
    const asked: (string | undefined)[] = [];
    renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityCicdContent />
      </EntityProvider>,
      {
        apis: [
          [
            pipelinesApiRef,
            fakePipelinesApi({
              listSecrets: async entityRef => {
                asked.push(entityRef);
                return {
                  items: [
                    {
                      name: 'DEPLOY_TOKEN',
                      entityRef,
                      updatedAt: '2024-05-01T10:00:00Z',
                      updatedBy: 'user:default/ada',
                    },
                  ],
                };
              },
            }),
          ],
          [signalApiRef, fakeSignalApi().api],
          mockApis.permission(),
        ],
        mountedRoutes: { '/pipelines/runs/:runId': runRouteRef },
      },
    );

    expect(
      await screen.findByText('This component has no pipeline yet'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Secrets' }));

    expect(await screen.findByText('DEPLOY_TOKEN')).toBeInTheDocument();
    expect(asked).toEqual(['component:default/shop']);
  });
});
