/**
 * The GoLive pipelines backend plugin.
 *
 * @packageDocumentation
 */

export { pipelinesPlugin as default } from './plugin';
