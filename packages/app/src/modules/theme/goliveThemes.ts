import {
  createUnifiedTheme,
  genPageTheme,
  palettes,
  pageTheme,
  shapes,
  PageTheme,
  UnifiedTheme,
} from '@backstage/theme';
import { goliveColors as c } from './goliveColors';

function pageThemes(colors: string[]): Record<string, PageTheme> {
  const header = genPageTheme({ colors, shape: shapes.wave });
  // Every page kind gets the GoLive header; the keys come from Backstage so
  // that entity pages of any kind find their theme.
  return Object.fromEntries(Object.keys(pageTheme).map(key => [key, header]));
}

export const goliveLightTheme: UnifiedTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    primary: { main: c.teal, dark: c.tealDark },
    secondary: { main: c.indigo },
    link: c.tealDark,
    linkHover: c.teal,
    navigation: {
      ...palettes.light.navigation,
      background: c.ink,
      indicator: c.tealLight,
      color: c.navText,
      selectedColor: '#ffffff',
      navItem: { hoverBackground: '#1d2b57' },
      submenu: { background: '#17234a' },
    },
    tabbar: { indicator: c.teal },
  },
  defaultPageTheme: 'home',
  pageTheme: pageThemes([c.teal, c.indigo]),
});

export const goliveDarkTheme: UnifiedTheme = createUnifiedTheme({
  palette: {
    ...palettes.dark,
    primary: { main: c.tealLight, dark: c.teal },
    secondary: { main: c.indigoLight },
    link: c.tealLighter,
    linkHover: '#ffffff',
    navigation: {
      ...palettes.dark.navigation,
      background: c.inkDeep,
      indicator: c.tealLight,
      color: c.navText,
      selectedColor: '#ffffff',
      navItem: { hoverBackground: '#1a2550' },
      submenu: { background: '#111a3d' },
    },
    tabbar: { indicator: c.tealLight },
  },
  defaultPageTheme: 'home',
  pageTheme: pageThemes([c.tealDark, c.ink]),
});
