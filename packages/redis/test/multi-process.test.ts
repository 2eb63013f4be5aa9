import { randomUUID } from 'node:crypto';
import { type FakeServer, startFakeOpenAI } from '@modelmux/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CallResult, InstanceConfig } from './support/instance-protocol.js';
import { type RouterInstance, startInstance } from './support/instances.js';
import { type RedisServer, startRedisServer } from './support/redis-server.js';

// Three router instances in separate Node processes share one real redis-server; the fake
// providers run here, so their request logs count every call from every instance.

const hour = 3_600_000;

describe('three router processes on one Redis', { timeout: 60_000 }, () => {
  let redis: RedisServer;
  let dead: FakeServer;
  let healthy: FakeServer;
  let metered: FakeServer;
  let limited: FakeServer;
  let cachedUp: FakeServer;
  let config: InstanceConfig;
  let instances: RouterInstance[];

  beforeAll(async () => {
    redis = await startRedisServer();
    dead = await startFakeOpenAI({ defaultReply: { status: 503 } });
    healthy = await startFakeOpenAI();
    // Every answer costs what a call reserves: 10 output tokens at $1000 a million = $0.01.
    metered = await startFakeOpenAI({
      defaultReply: { usage: { inputTokens: 5, outputTokens: 10 } },
    });
    limited = await startFakeOpenAI();
    cachedUp = await startFakeOpenAI();
    config = {
      redisUrl: redis.url,
      prefix: `multi:${randomUUID()}:`,
      // Generous: two cores shared by many processes; a timeout would make an instance go local.
      commandTimeoutMs: 2000,
      targets: [
        { id: 'dead', baseURL: dead.baseURL, apiKey: dead.apiKey },
        // A quota far above the test's traffic: every call still checks a window in Redis.
        {
          id: 'healthy',
          baseURL: healthy.baseURL,
          apiKey: healthy.apiKey,
          limits: { rpm: 100_000 },
        },
        {
          id: 'metered',
          baseURL: metered.baseURL,
          apiKey: metered.apiKey,
          price: { inputUsdPerMillion: 0, outputUsdPerMillion: 1000 },
        },
        { id: 'limited', baseURL: limited.baseURL, apiKey: limited.apiKey, limits: { rpm: 60 } },
        { id: 'cached-up', baseURL: cachedUp.baseURL, apiKey: cachedUp.apiKey },
      ],
      cacheTtlMs: { cached: 60_000 },
      routes: {
        main: ['dead', 'healthy'],
        budgeted: ['metered'],
        quota: ['limited'],
        cached: ['cached-up'],
      },
      budgets: [{ scope: 'global', usd: 1, per: 'day', routes: ['budgeted'] }],
      // The routers' minute windows start 1 s before now: the tests end long before the next.
      clockOffsetMs: (Date.now() % 60_000) - 1000,
      // No probe within the test: every request the dead provider gets is a discovery.
      breaker: { consecutiveFailures: 3, cooldownMs: 60_000, halfOpenProbes: 1 },
    };
    instances = await Promise.all([0, 1, 2].map(() => startInstance(config)));
    for (const instance of instances) expect(await instance.request({ op: 'ready' })).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((instances ?? []).map((instance) => instance.close()));
    await Promise.all([
      dead?.close(),
      healthy?.close(),
      metered?.close(),
      limited?.close(),
      cachedUp?.close(),
    ]);
    await redis?.stop();
  });

  it('keeps B and C off a provider A found dead', async () => {
    const [a, b, c] = instances as [RouterInstance, RouterInstance, RouterInstance];
    const found = await a.request<CallResult>({
      op: 'call',
      route: 'main',
      count: 5,
      concurrency: 1,
    });
    expect(found).toMatchObject({ ok: 5, failed: 0 });
    expect(dead.requests).toHaveLength(3);
    for (const other of [b, c]) {
      await vi.waitFor(async () =>
        expect(await other.request({ op: 'breaker', targetId: 'dead' })).toBe('open'),
      );
    }
    const rest = await Promise.all(
      [b, c].map((other) =>
        other.request<CallResult>({ op: 'call', route: 'main', count: 20, concurrency: 4 }),
      ),
    );
    expect(rest.map(({ ok, failed }) => [ok, failed])).toEqual([
      [20, 0],
      [20, 0],
    ]);
    // Across all three: only A's three discoveries, no probe yet (cooldown 60 s).
    expect(dead.requests).toHaveLength(3);
  });

  it('ends a $1.00 budget within one reservation under 300 concurrent calls over the three', async () => {
    const results = await Promise.all(
      instances.map((instance) =>
        instance.request<CallResult>({
          op: 'call',
          route: 'budgeted',
          count: 100,
          concurrency: 50,
          maxOutputTokens: 10,
        }),
      ),
    );
    const ok = results.reduce((sum, result) => sum + result.ok, 0);
    // Each call reserves $0.01 and spends $0.01: $1.00 is 100 calls; the provider saw no more.
    expect(ok).toBe(100);
    expect(metered.requests).toHaveLength(100);
    expect(results.flatMap((result) => Object.keys(result.failedBy))).toSatisfy((names: string[]) =>
      names.every((name) => name === 'BudgetExceededError'),
    );
  });

  it('admits 60 calls across the three routers on a target with an RPM quota of 60', async () => {
    const results = await Promise.all(
      instances.map((instance) =>
        instance.request<CallResult>({ op: 'call', route: 'quota', count: 40, concurrency: 10 }),
      ),
    );
    const ok = results.reduce((sum, result) => sum + result.ok, 0);
    expect(Math.abs(ok - 60)).toBeLessThanOrEqual(1);
    expect(Math.abs(limited.requests.length - 60)).toBeLessThanOrEqual(1);
  });

  it('serves B and C from the answer A cached, with no upstream request', async () => {
    const [a, b, c] = instances as [RouterInstance, RouterInstance, RouterInstance];
    expect(
      await a.request({ op: 'call', route: 'cached', count: 1, concurrency: 1 }),
    ).toMatchObject({ ok: 1 });
    const admin = new Redis(redis.url);
    onTestFinished(() => admin.disconnect());
    await vi.waitFor(async () =>
      expect(await admin.keys(`${config.prefix}cache:*`)).toHaveLength(1),
    );
    const rest = await Promise.all(
      [b, c].map((other) =>
        other.request<CallResult>({ op: 'call', route: 'cached', count: 3, concurrency: 1 }),
      ),
    );
    expect(rest.map((result) => result.ok)).toEqual([3, 3]);
    expect(cachedUp.requests).toHaveLength(1);
  });

  it('store level: 300 concurrent $0.01 reservations over the three fill $1.00 exactly', async () => {
    const key = `budget-${randomUUID()}`;
    const periodEndsAt = Date.now() + hour;
    const answers = await Promise.all(
      instances.map((instance) =>
        instance.request<{ admitted: number; spentUsd: number }>({
          op: 'reserve',
          key,
          count: 100,
          amountUsd: 0.01,
          limitUsd: 1,
          periodEndsAt,
          now: Date.now(),
        }),
      ),
    );
    const admitted = answers.reduce((sum, answer) => sum + answer.admitted, 0);
    const spentUsd = answers.reduce((sum, answer) => sum + answer.spentUsd, 0);
    expect(admitted).toBe(100);
    expect(spentUsd).toBeLessThanOrEqual(1 + 1e-9);
    expect(spentUsd).toBeGreaterThan(1 - 0.01);
  });

  it('store level: a window of 60 admits exactly 60 of 120 concurrent requests over the three', async () => {
    const key = `rpm-${randomUUID()}`;
    const now = Date.now();
    const admitted = await Promise.all(
      instances.map((instance) =>
        instance.request<number>({
          op: 'window',
          key,
          count: 40,
          limit: 60,
          windowMs: 60_000,
          now,
        }),
      ),
    );
    expect(admitted.reduce((sum, count) => sum + count, 0)).toBe(60);
  });

  it('fails no call while Redis is killed mid-run, and shares again once it is back', async () => {
    const [a, b, c] = instances as [RouterInstance, RouterInstance, RouterInstance];
    const runs = instances.map((instance) =>
      instance.request<CallResult>({ op: 'call', route: 'main', count: 60, concurrency: 2 }),
    );
    await healthy.waitForRequests(healthy.requests.length + 30);
    await redis.kill();
    const results = await Promise.all(runs);
    expect(results.map(({ ok, failed, errors }) => ({ ok, failed, errors }))).toEqual(
      [0, 1, 2].map(() => ({ ok: 60, failed: 0, errors: [] })),
    );
    expect(await a.request({ op: 'status' })).toMatchObject({ shared: false });
    // Still no call reached the dead provider: every instance kept its local copy.
    expect(dead.requests).toHaveLength(3);

    await redis.restart();
    for (const instance of [a, b, c]) {
      expect(await instance.request({ op: 'ready' })).toBe(true);
    }
    expect(await b.request({ op: 'status' })).toEqual({ kind: 'redis', shared: true });
    // A trip on A after the restart reaches B.
    const seen = new Promise<number>((resolve) =>
      b.onHealthChange((change) => {
        if (change.targetId === 'after-restart') resolve(change.trips);
      }),
    );
    await a.request({ op: 'set-health', targetId: 'after-restart', trips: 7 });
    expect(await seen).toBe(7);
    // One warning per outage, per instance.
    expect(
      instances.map((instance) => instance.logs.length),
      String(instances.map((i) => i.logs)),
    ).toEqual([1, 1, 1]);
  });
});
