import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import { UnifiedThemeProvider } from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';
import { goliveDarkTheme, goliveLightTheme } from './goliveThemes';

/** Written to `data-theme-name`, which golive.css keys the BUI colours on. */
export const GOLIVE_THEME_NAME = 'golive';

// The names `light` and `dark` replace the app's stock themes, so that the
// "auto" choice in Settings follows the system preference with GoLive colours.
const lightTheme = ThemeBlueprint.make({
  name: 'light',
  params: {
    theme: {
      id: 'golive-light',
      title: 'GoLive Light',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider
          theme={goliveLightTheme}
          themeName={GOLIVE_THEME_NAME}
        >
          {children}
        </UnifiedThemeProvider>
      ),
    },
  },
});

const darkTheme = ThemeBlueprint.make({
  name: 'dark',
  params: {
    theme: {
      id: 'golive-dark',
      title: 'GoLive Dark',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider
          theme={goliveDarkTheme}
          themeName={GOLIVE_THEME_NAME}
        >
          {children}
        </UnifiedThemeProvider>
      ),
    },
  },
});

export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [lightTheme, darkTheme],
});
