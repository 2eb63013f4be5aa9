import { randomUUID } from 'node:crypto';
import { RouterConfigError, type Store } from '@modelmux/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type RedisStore, redisStore } from '../src/index.js';
import { type RedisServer, startRedisServer } from './support/redis-server.js';

type HealthRecord = NonNullable<ReturnType<Store['getHealth']>>;

const tripped: HealthRecord = {
  breaker: { state: 'open', consecutiveFailures: 3, trips: 1, openUntil: 2_000_000, buckets: [] },
  coolUntil: undefined,
  coolReason: undefined,
};
const hour = 3_600_000;
const t0 = 1_700_000_000_000;

function quietLogger() {
  return { warn: vi.fn<(message: string) => void>(), info: vi.fn<(message: string) => void>() };
}

describe('redisStore on a shared server', () => {
  let server: RedisServer;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  async function open(prefix: string, extra: Partial<Parameters<typeof redisStore>[0]> = {}) {
    const store = redisStore({ url: server.url, prefix, logger: quietLogger(), ...extra });
    onTestFinished(() => store.close());
    expect(await store.ready()).toBe(true);
    return store;
  }

  it('namespaces every key with the prefix and gives each a TTL', async () => {
    const prefix = `layout:${randomUUID()}:`;
    const store = await open(prefix);
    store.setHealth('openai', tripped);
    await store.consumeWindow('rpm:k', 1, 10, 60_000, t0);
    await store.reserveBudget('key:k', 'r1', 0.1, 1, t0 + hour, t0);
    await store.cacheSet('call', { value: 'v', storedAt: t0 }, 30_000);
    await vi.waitFor(async () => expect(await admin.hexists(`${prefix}health`, 'openai')).toBe(1));
    const keys = (await admin.keys(`${prefix}*`)).sort();
    expect(keys.map((key) => key.slice(prefix.length))).toEqual([
      'budget:key:k:1700003600000',
      'budget:key:k:1700003600000:reservations',
      'cache-clock',
      'cache-recency',
      'cache:call',
      'health',
      'window:rpm:k:1699999980000',
    ]);
    const ttls = await Promise.all(keys.map((key) => admin.pttl(key)));
    expect(ttls.every((ttl) => ttl > 0)).toBe(true);
    expect(await admin.pttl(`${prefix}window:rpm:k:1699999980000`)).toBeLessThanOrEqual(60_000);
    expect(await admin.keys('modelmux:*')).toEqual([]);
  });

  it('drops a reservation its process never settled once the reservation TTL passes', async () => {
    const prefix = `expiry:${randomUUID()}:`;
    const survivor = await open(prefix);
    const dying = await open(prefix, { reservationTtlMs: 30 });
    expect(await survivor.reserveBudget('key', 'held', 0.25, 1, t0 + hour, t0)).toMatchObject({
      admitted: true,
    });
    expect(await dying.reserveBudget('key', 'lost', 0.5, 1, t0 + hour, t0)).toMatchObject({
      admitted: true,
    });
    // 'lost' is never settled: once its 30 ms are over only 'held' (10 min) still counts.
    await vi.waitFor(
      async () =>
        expect(await survivor.reserveBudget('key', 'probe', 0, 1, t0 + hour, t0)).toMatchObject({
          reservedUsd: 0.25,
        }),
      { timeout: 2000, interval: 20 },
    );
  });

  it('shares a trip with a store that connects later', async () => {
    const prefix = `late:${randomUUID()}:`;
    const early = await open(prefix);
    early.setHealth('openai', tripped);
    await vi.waitFor(async () => expect(await admin.hexists(`${prefix}health`, 'openai')).toBe(1));
    const late = await open(prefix);
    expect(late.getHealth('openai')).toEqual(tripped);
  });

  it('leaves a client it was given open on close, and quits its own subscriber', async () => {
    const client = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    onTestFinished(() => client.disconnect());
    const store = redisStore({ client, prefix: `given:${randomUUID()}:`, logger: quietLogger() });
    expect(await store.ready()).toBe(true);
    await store.close();
    expect(await client.ping()).toBe('PONG');
  });

  it('rejects bad options naming each path, without echoing the URL', () => {
    let error: unknown;
    try {
      redisStore({ url: 'http://user:s3cret-pass@host', commandTimeoutMs: -1 });
    } catch (caught) {
      error = caught;
    }
    expect(RouterConfigError.isInstance(error)).toBe(true);
    const { issues, message } = error as RouterConfigError;
    expect(issues.map((issue) => issue.path)).toEqual([
      'redisStore.url',
      'redisStore.commandTimeoutMs',
    ]);
    expect(message).not.toContain('s3cret');
    expect(() => redisStore({})).toThrow(/redisStore.client: Give exactly one/);
  });
});

describe('redisStore when Redis fails', () => {
  it('answers from local state without rejecting, warns once, and shares again when Redis returns', async () => {
    const server = await startRedisServer();
    onTestFinished(() => server.stop());
    const prefix = `outage:${randomUUID()}:`;
    const loggerA = quietLogger();
    const stores: RedisStore[] = [];
    for (const logger of [loggerA, quietLogger()]) {
      const store = redisStore({ url: server.url, prefix, logger, commandTimeoutMs: 100 });
      onTestFinished(() => store.close());
      expect(await store.ready()).toBe(true);
      stores.push(store);
    }
    const [a, b] = stores as [RedisStore, RedisStore];
    await a.reserveBudget('key', 'before', 0.25, 1, t0 + hour, t0);
    await a.settleBudget('key', 'before', 0.25, t0 + hour);
    expect(await a.reserveBudget('key', 'seen', 0.25, 1, t0 + hour, t0)).toMatchObject({
      spentUsd: 0.25,
    });
    await a.settleBudget('key', 'seen', 0, t0 + hour);

    await server.kill();
    const calls = [];
    for (let call = 0; call < 20; call += 1) {
      calls.push(a.consumeWindow('rpm', 1, 5, 60_000, t0));
      calls.push(a.cacheSet(`c${call}`, { value: call, storedAt: t0 }, 60_000));
      calls.push(a.cacheGet(`c${call}`, t0));
    }
    const answers = await Promise.allSettled(calls);
    expect(answers.filter((answer) => answer.status === 'rejected')).toEqual([]);
    const windows = answers.filter((_, index) => index % 3 === 0);
    expect(
      windows.filter(
        (answer) =>
          answer.status === 'fulfilled' && (answer.value as { admitted: boolean }).admitted,
      ),
    ).toHaveLength(5);
    // The fallback knows the fleet had spent $0.25: $0.75 is left locally.
    expect(await a.reserveBudget('key', 'during', 0.75, 1, t0 + hour, t0)).toMatchObject({
      admitted: true,
      spentUsd: 0.25,
    });
    expect(await a.reserveBudget('key', 'over', 0.01, 1, t0 + hour, t0)).toMatchObject({
      admitted: false,
    });
    await a.settleBudget('key', 'during', 0.5, t0 + hour);
    a.setHealth('anthropic', tripped);
    expect(a.getHealth('anthropic')).toEqual(tripped);
    expect(a.status()).toMatchObject({ kind: 'redis', shared: false });
    expect(a.status().degraded).toMatch(/^redis unreachable: /);
    expect(loggerA.warn).toHaveBeenCalledTimes(1);
    expect(loggerA.warn.mock.calls[0]?.[0]).not.toContain(String(server.port));

    await server.restart();
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    expect(a.status()).toEqual({ kind: 'redis', shared: true });
    // The trip made while Redis was away, and the spend, reach the others.
    await vi.waitFor(() => expect(b.getHealth('anthropic')).toEqual(tripped));
    expect(await b.reserveBudget('key', 'after', 0, 1, t0 + hour, t0)).toMatchObject({
      spentUsd: 0.5,
    });
    // And sharing goes on: a new trip on b reaches a through pub/sub.
    const again = { ...tripped, breaker: { ...tripped.breaker, trips: 2 } };
    b.setHealth('openai', again);
    await vi.waitFor(() => expect(a.getHealth('openai')).toEqual(again), { timeout: 1000 });
    expect(loggerA.warn).toHaveBeenCalledTimes(1);
    expect(loggerA.info).toHaveBeenCalledTimes(1);
  });

  it('bounds a slow Redis by commandTimeoutMs and answers locally', async () => {
    const server = await startRedisServer();
    onTestFinished(async () => {
      process.kill(server.pid as number, 'SIGCONT');
      await server.stop();
    });
    const logger = quietLogger();
    const store = redisStore({ url: server.url, prefix: 'slow:', logger, commandTimeoutMs: 50 });
    onTestFinished(() => store.close());
    expect(await store.ready()).toBe(true);
    process.kill(server.pid as number, 'SIGSTOP');
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => store.consumeWindow('rpm', 1, 100, 60_000, t0)),
    );
    // Bounded: a stopped server would otherwise hold every call for ever.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(answers.every((answer) => answer.admitted)).toBe(true);
    expect(store.status()).toMatchObject({ shared: false, degraded: 'redis unreachable: timeout' });
    await store.cacheGet('x', t0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
