import { PageBlueprint } from '@backstage/frontend-plugin-api';
import PipelinesIcon from '@material-ui/icons/AccountTree';
import { rootRouteRef, runRouteRef } from '../routes';

export const pipelinesPage = PageBlueprint.make({
  params: {
    path: '/pipelines',
    title: 'Pipelines',
    icon: <PipelinesIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/PipelinesPage').then(m => <m.PipelinesPage />),
  },
});

export const runPage = PageBlueprint.make({
  name: 'run',
  params: {
    path: '/pipelines/runs/:runId',
    title: 'Pipeline run',
    routeRef: runRouteRef,
    loader: () => import('../components/RunPage').then(m => <m.RunPage />),
  },
});
