import { randomUUID } from 'node:crypto';
import { redisStore } from '@modelmux/redis';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  type RedisServer,
  startRedisServer,
} from '../../packages/redis/test/support/redis-server.js';
import { storeContract } from './store-contract.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server?.stop());

storeContract('redis', {
  shared: true,
  async backend(options) {
    // A fresh key namespace per test on the one server.
    const prefix = `contract:${randomUUID()}:`;
    return {
      async open() {
        const store = redisStore({ url: server.url, prefix, ...options });
        expect(await store.ready()).toBe(true);
        return store;
      },
    };
  },
});
