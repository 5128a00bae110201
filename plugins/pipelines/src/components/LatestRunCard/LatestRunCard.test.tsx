import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen } from '@testing-library/react';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import { aRun, fakePipelinesApi, fakeSignalApi } from '../../testUtils/fakes';
import { LatestRunCard } from './LatestRunCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
};

function renderCard(api: PipelinesApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <LatestRunCard />
    </EntityProvider>,
    {
      apis: [
        [pipelinesApiRef, api],
        [signalApiRef, fakeSignalApi().api],
        mockApis.permission(),
      ],
      mountedRoutes: { '/pipelines/runs/:runId': runRouteRef },
    },
  );
}

describe('LatestRunCard', () => {
  it('shows the latest run with its status, duration and link', async () => {
    renderCard(
      fakePipelinesApi({
        listRuns: async () => ({
          items: [aRun({ id: 'r9', number: 9, status: 'failed' })],
          totalCount: 9,
        }),
      }),
    );

    expect(await screen.findByRole('link', { name: 'ci #9' })).toHaveAttribute(
      'href',
      '/pipelines/runs/r9',
    );
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText(/2m 5s/)).toBeInTheDocument();
  });

  it('says where to start when the component has no run', async () => {
    renderCard(fakePipelinesApi());

    expect(
      await screen.findByText('No run yet. Start one from the CI/CD tab.'),
    ).toBeInTheDocument();
  });

  it('shows the error when runs cannot be loaded', async () => {
    renderCard(
      fakePipelinesApi({
        listRuns: async () => {
          throw new Error('nope');
        },
      }),
    );

    expect(
      await screen.findByText('Error: Could not load runs'),
    ).toBeInTheDocument();
  });
});
