/**
 * GoLive roles as a Backstage permission policy.
 *
 * @packageDocumentation
 */

export { permissionModuleGoLiveRbac as default } from './module';
