import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { pipelinesApi } from './extensions/apis';
import { latestRunEntityCard } from './extensions/entityCards';
import { cicdEntityContent } from './extensions/entityContent';
import { pipelinesPage, runPage } from './extensions/pages';
import { rootRouteRef, runRouteRef } from './routes';

/** GoLive pipelines in the portal. */
export const pipelinesPlugin = createFrontendPlugin({
  pluginId: 'pipelines',
  title: 'Pipelines',
  routes: { root: rootRouteRef, run: runRouteRef },
  extensions: [
    pipelinesApi,
    pipelinesPage,
    runPage,
    cicdEntityContent,
    latestRunEntityCard,
  ],
});
