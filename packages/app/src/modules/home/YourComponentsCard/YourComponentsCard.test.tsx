import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  YOUR_COMPONENTS_LIMIT,
  YourComponentsCard,
} from './YourComponentsCard';

const team = 'group:default/payments';

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'experimental', owner: team },
    relations: [{ type: 'ownedBy', targetRef: team }],
  };
}

function renderCard(catalogApi: ReturnType<typeof catalogApiMock>) {
  return renderInTestApp(<YourComponentsCard />, {
    apis: [
      mockApis.identity({ ownershipEntityRefs: ['user:default/ada', team] }),
      [catalogApiRef, catalogApi],
    ],
    mountedRoutes: {
      '/catalog': catalogPlugin.routes.catalogIndex,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('YourComponentsCard', () => {
  it('lists owned components with their type and lifecycle', async () => {
    renderCard(catalogApiMock({ entities: [component('ledger')] }));

    const list = await screen.findByRole('list', { name: 'Your components' });
    expect(within(list).getByText('ledger')).toBeInTheDocument();
    expect(
      within(list).getByText('service · experimental'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open them in the catalog' }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters[kind]=component&filters[user]=owned',
    );
  });

  it('shows the first few and points to the catalog for the rest', async () => {
    const many = Array.from({ length: YOUR_COMPONENTS_LIMIT + 3 }, (_, i) =>
      component(`service-${String(i).padStart(2, '0')}`),
    );
    renderCard(catalogApiMock({ entities: many }));

    const list = await screen.findByRole('list', { name: 'Your components' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(
      YOUR_COMPONENTS_LIMIT,
    );
    expect(
      screen.getByRole('link', {
        name: `Show all ${YOUR_COMPONENTS_LIMIT + 3} in the catalog`,
      }),
    ).toBeInTheDocument();
  });

  it('explains how a component becomes yours when there is none', async () => {
    renderCard(catalogApiMock({ entities: [] }));

    expect(
      await screen.findByText(/Nothing in the catalog is owned by you/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Browse the catalog' }),
    ).toHaveAttribute('href', '/catalog');
  });

  it('shows the error when the catalog cannot be reached', async () => {
    renderCard(
      catalogApiMock.mock({
        queryEntities: jest.fn().mockRejectedValue(new Error('catalog down')),
      }),
    );

    expect(await screen.findAllByText(/catalog down/)).not.toHaveLength(0);
    expect(
      screen.queryByRole('list', { name: 'Your components' }),
    ).not.toBeInTheDocument();
  });
});
