/**
 * Shared backend services of GoLive.
 *
 * @packageDocumentation
 */

export * from './redis';
export * from './queue';
export * from './storage';
export * from './secrets';
export * from './http';
