export type { RedisStoreLogger } from './redis-link.js';
export { type RedisStore, redisStore } from './redis-store.js';
export type { RedisStoreOptions } from './redis-store-options.js';
