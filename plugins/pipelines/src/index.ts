/**
 * GoLive pipelines in the portal: the Pipelines page, run pages with live
 * logs, the CI/CD tab and the "Latest run" card of components.
 *
 * @packageDocumentation
 */

export { pipelinesPlugin as default } from './plugin';
export { pipelinesApiRef } from './api/PipelinesApi';
export type {
  EntityPipeline,
  LogQuery,
  LogStreamOptions,
  PipelinesApi,
} from './api/PipelinesApi';
export { PipelinesClient } from './api/PipelinesClient';
