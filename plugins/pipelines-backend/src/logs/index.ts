export type {
  LogBroadcaster,
  LogEvent,
  LogReadOptions,
  LogStore,
} from './types';
export { DatabaseLogStore } from './DatabaseLogStore';
export { InProcessLogBroadcaster } from './InProcessLogBroadcaster';
export { RedisLogBroadcaster } from './RedisLogBroadcaster';
export { createLogBroadcaster } from './createLogBroadcaster';
export { JobLogWriter } from './JobLogWriter';
export { createLogStreamHandler } from './createLogStreamHandler';
