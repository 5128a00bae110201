/**
 * GoLive roles as a Backstage permission policy.
 *
 * @packageDocumentation
 */

export { permissionModuleGoLiveRbac as default } from './module';
export { goLiveActionOf } from './goLiveActionOf';
export { goLivePluginIdOf } from './goLivePluginIdOf';
export { goLiveActions, goLiveRoles } from './types';
export type { GoLiveAction, GoLiveRole } from './types';
