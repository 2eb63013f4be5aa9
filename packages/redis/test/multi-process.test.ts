import { randomUUID } from 'node:crypto';
import { type FakeServer, startFakeOpenAI } from '@modelmux/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
  let config: InstanceConfig;
  let instances: RouterInstance[];

  beforeAll(async () => {
    redis = await startRedisServer();
    dead = await startFakeOpenAI({ defaultReply: { status: 503 } });
    healthy = await startFakeOpenAI();
    config = {
      redisUrl: redis.url,
      prefix: `multi:${randomUUID()}:`,
      // Generous: two cores shared by many processes; a timeout would make an instance go local.
      commandTimeoutMs: 2000,
      targets: [
        { id: 'dead', baseURL: dead.baseURL, apiKey: dead.apiKey },
        { id: 'healthy', baseURL: healthy.baseURL, apiKey: healthy.apiKey },
      ],
      routes: { main: ['dead', 'healthy'] },
      // No probe within the test: every request the dead provider gets is a discovery.
      breaker: { consecutiveFailures: 3, cooldownMs: 60_000, halfOpenProbes: 1 },
    };
    instances = await Promise.all([0, 1, 2].map(() => startInstance(config)));
    for (const instance of instances) expect(await instance.request({ op: 'ready' })).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((instances ?? []).map((instance) => instance.close()));
    await Promise.all([dead?.close(), healthy?.close()]);
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

  it('spends a $1.00 budget under 300 concurrent reservations across the three, never more', async () => {
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

  it('admits 60 in a window with an RPM limit of 60 across the three', async () => {
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
