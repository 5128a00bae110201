import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Pipelines page with every run of the portal. */
export const rootRouteRef = createRouteRef();

/** The page of one run. */
export const runRouteRef = createRouteRef({ params: ['runId'] });
