/**
 * Isomorphic parts of GoLive pipelines: the pipeline file schema and its
 * validation, the expression language of `if`, matrix expansion, API
 * types, events and permissions.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './permissions';
export * from './pipelineFile';
