export { assertRedisReachable } from './assertRedisReachable';
export { DefaultRedisService } from './DefaultRedisService';
export { readRedisConfig, type RedisConfig } from './readRedisConfig';
export { redisServiceRef } from './redisServiceRef';
export type { RedisClientOptions, RedisService } from './types';
