import { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { plugins, shellModules } from '../../features';
import { testAppConfig } from '../../__testUtils__/testAppConfig';

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

function renderHome() {
  return renderTestApp({
    features: [...plugins, ...shellModules],
    config: testAppConfig(),
    initialRouteEntries: ['/'],
    apis: [
      mockApis.identity({
        userEntityRef: 'user:default/ada',
        ownershipEntityRefs: ['user:default/ada', 'group:default/payments'],
      }),
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            component('payments-service', 'group:default/payments'),
            component('shop-web', 'group:default/storefront'),
          ],
        }),
      ],
    ],
  });
}

describe('the home page', () => {
  it('opens at / with the GoLive welcome', async () => {
    renderHome();

    expect(
      await screen.findByRole('heading', { name: 'Welcome to GoLive' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('What is GoLive?')).toBeInTheDocument();
    expect(
      screen.getByText(/developer portal for everything between a commit/),
    ).toBeInTheDocument();
  });

  it('says which parts of GoLive are installed', async () => {
    renderHome();

    const parts = await screen.findByRole('list', { name: 'GoLive parts' });
    const status = (title: string) =>
      within(parts).getByText(title).closest('li')?.textContent;
    expect(status('Software catalog')).toContain('Installed');
    expect(status('Search')).toContain('Installed');
    expect(status('Notifications')).toContain('Installed');
    expect(status('Pipelines')).toContain('Installed');
    expect(status('Pipelines')).not.toContain('Not installed');
    expect(status('AI assistant')).toContain('Not installed');
    expect(
      screen.getByText('Software catalog, Search, Notifications and Pipelines'),
    ).toBeInTheDocument();
  });

  it('lists the components of the user and their teams', async () => {
    renderHome();

    const list = await screen.findByRole('list', { name: 'Your components' });
    expect(within(list).getByText('payments-service')).toBeInTheDocument();
    expect(within(list).queryByText('shop-web')).not.toBeInTheDocument();
  });

  it('offers search, starred entities and a guide with working links', async () => {
    renderHome();

    expect(
      await screen.findByText('Your Starred Entities'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('textbox')).toBeInTheDocument();
    const guide = await screen.findByRole('list', {
      name: 'Places in GoLive',
    });
    expect(
      within(guide).getByRole('link', { name: 'Catalog' }),
    ).toHaveAttribute('href', '/catalog');
    expect(within(guide).getByRole('link', { name: 'APIs' })).toHaveAttribute(
      'href',
      '/api-docs',
    );
  });
});
