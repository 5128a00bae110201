import { FrontendFeature } from '@backstage/frontend-plugin-api';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import authPlugin from '@backstage/plugin-auth';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import homePlugin from '@backstage/plugin-home/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import pipelinesPlugin from '@golive/plugin-pipelines';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';
import { themeModule } from './modules/theme';

/** The plugins of the portal shell. GoLive's own plugins are added here. */
export const plugins: FrontendFeature[] = [
  homePlugin,
  catalogPlugin,
  apiDocsPlugin,
  orgPlugin,
  catalogGraphPlugin,
  searchPlugin,
  notificationsPlugin,
  signalsPlugin,
  userSettingsPlugin,
  // The consent page at /oauth2 that MCP clients send users to.
  authPlugin,
  pipelinesPlugin,
];

/** The app's own look: the GoLive theme, the sidebar and the home page. */
export const shellModules: FrontendFeature[] = [
  themeModule,
  navModule,
  homeModule,
];
