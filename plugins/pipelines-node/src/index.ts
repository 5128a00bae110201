/**
 * What other GoLive backend plugins use of pipelines: a service that reads
 * runs and logs, and extension points for executors, SCM providers and
 * external CI systems.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './pipelinesRunsServiceRef';
