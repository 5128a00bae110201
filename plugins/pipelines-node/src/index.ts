/**
 * What other GoLive backend plugins use of pipelines: a service that reads
 * runs and logs, and extension points for executors, SCM providers and
 * external CI systems.
 *
 * @packageDocumentation
 */

export * from './executors';
export * from './externalCiProviders';
export * from './scmProviders';
export * from './pipelinesRunsServiceRef';
export * from './providerKit/payloadFields';
export * from './providerKit/requestHost';
