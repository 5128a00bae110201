import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import BuildIcon from '@material-ui/icons/Build';
import { screen, within } from '@testing-library/react';
import { plugins, shellModules } from '../../features';
import { testAppConfig } from '../../__testUtils__/testAppConfig';

async function renderSidebar(extraPlugins: typeof plugins = []) {
  renderTestApp({
    features: [...plugins, ...extraPlugins, ...shellModules],
    config: testAppConfig(),
    apis: [mockApis.identity()],
  });
  const nav = await screen.findByRole('navigation', { name: 'sidebar nav' });
  const links = within(nav)
    .getAllByRole('link')
    .map(link => link.getAttribute('aria-label'))
    .filter(name => name !== 'GoLive home');
  const buttons = within(nav)
    .getAllByRole('button')
    .map(button => button.textContent);
  return { links, buttons };
}

describe('Sidebar', () => {
  it('offers exactly Home, Catalog, APIs, Pipelines, Search, Notifications and Settings', async () => {
    const { links, buttons } = await renderSidebar();

    expect(links).toEqual([
      'Home',
      'Catalog',
      'APIs',
      'Pipelines',
      'Notifications',
      'Settings',
    ]);
    // Search opens the search modal rather than leaving the page.
    expect(buttons).toEqual(['Search']);
  });

  it('links each entry to its page', async () => {
    await renderSidebar();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });

    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(within(nav).getByRole('link', { name: 'Catalog' })).toHaveAttribute(
      'href',
      '/catalog',
    );
    expect(within(nav).getByRole('link', { name: 'APIs' })).toHaveAttribute(
      'href',
      '/api-docs',
    );
  });

  it('adds the page of a newly installed plugin after the fixed entries', async () => {
    const pipelinesPlugin = createFrontendPlugin({
      pluginId: 'pipelines',
      extensions: [
        PageBlueprint.make({
          params: {
            path: '/pipelines',
            title: 'Pipelines',
            icon: <BuildIcon fontSize="inherit" />,
            routeRef: createRouteRef(),
            loader: async () => <div>Runs</div>,
          },
        }),
      ],
    });

    const { links } = await renderSidebar([pipelinesPlugin]);

    expect(links).toEqual([
      'Home',
      'Catalog',
      'APIs',
      'Pipelines',
      'Notifications',
      'Settings',
    ]);
  });
});
