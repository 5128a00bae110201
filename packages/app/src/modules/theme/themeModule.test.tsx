import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { plugins, shellModules } from '../../features';
import { testAppConfig } from '../../__testUtils__/testAppConfig';

function renderSettings() {
  return renderTestApp({
    features: [...plugins, ...shellModules],
    config: testAppConfig(),
    apis: [mockApis.identity(), [catalogApiRef, catalogApiMock()]],
    initialRouteEntries: ['/settings'],
  });
}

describe('themeModule', () => {
  it('replaces the stock themes with GoLive light and dark', async () => {
    const { apis } = renderSettings();

    const themes = apis.get(coreApis.appTheme)!.getInstalledThemes();
    expect(themes.map(t => [t.title, t.variant])).toEqual(
      expect.arrayContaining([
        ['GoLive Light', 'light'],
        ['GoLive Dark', 'dark'],
      ]),
    );
    expect(themes).toHaveLength(2);
    // Settings offers them by name.
    expect(await screen.findByText('GoLive Light')).toBeInTheDocument();
    expect(screen.getByText('GoLive Dark')).toBeInTheDocument();
  });

  it('names the GoLive theme on the page, which golive.css keys on', async () => {
    renderSettings();

    await screen.findByText('GoLive Dark');
    expect(document.body).toHaveAttribute('data-theme-name', 'golive');
  });
});
