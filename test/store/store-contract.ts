import type { Store } from '@modelmux/core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';

type HealthRecord = NonNullable<ReturnType<Store['getHealth']>>;

/** How a contract run opens stores of one kind. */
export interface StoreFactory {
  /** What `status()` reports while the backend is up. */
  shared: boolean;
  /**
   * A fresh backend for one test: `open()` gives a store on it, as another instance of the app
   * would (memory: the same object, since instances share a memory store only by sharing it).
   */
  backend(options?: { maxCacheEntries?: number }): Promise<{ open(): Promise<Store> }>;
}

const minute = 60_000;
const t0 = 1_700_000_040_000; // 40 s into a minute window

function record(state: 'closed' | 'open', trips: number, openUntil?: number): HealthRecord {
  return {
    breaker: { state, consecutiveFailures: trips * 3, trips, openUntil, buckets: [] },
    coolUntil: undefined,
    coolReason: undefined,
  };
}

/** The semantics every store keeps; each store's test file runs it. */
export function storeContract(kind: string, factory: StoreFactory): void {
  async function openStores(count: number, options?: { maxCacheEntries?: number }) {
    const backend = await factory.backend(options);
    const stores: Store[] = [];
    for (let index = 0; index < count; index += 1) stores.push(await backend.open());
    onTestFinished(async () => {
      for (const store of new Set(stores)) await store.close();
    });
    return stores;
  }

  describe(`store contract: ${kind}`, () => {
    describe('rate windows', () => {
      it('admits up to the limit, refuses past it and says when the window resets', async () => {
        const [store] = (await openStores(1)) as [Store];
        const answers = [];
        for (let call = 0; call < 4; call += 1) {
          answers.push(await store.consumeWindow('rpm:a', 1, 3, minute, t0 + call));
        }
        expect(answers.map(({ admitted, used }) => [admitted, used])).toEqual([
          [true, 1],
          [true, 2],
          [true, 3],
          [false, 3],
        ]);
        expect(answers[3]?.resetAt).toBe(1_700_000_100_000);
      });

      it('reads a window with amount 0 and starts a new window empty', async () => {
        const [store] = (await openStores(1)) as [Store];
        await store.consumeWindow('tpm:a', 700, 1000, minute, t0);
        expect(await store.consumeWindow('tpm:a', 0, 1000, minute, t0 + 1)).toEqual({
          admitted: true,
          used: 700,
          resetAt: 1_700_000_100_000,
        });
        expect(await store.consumeWindow('tpm:a', 400, 1000, minute, t0 + 2)).toMatchObject({
          admitted: false,
          used: 700,
        });
        expect(await store.consumeWindow('tpm:a', 400, 1000, minute, t0 + minute)).toMatchObject({
          admitted: true,
          used: 400,
          resetAt: 1_700_000_160_000,
        });
      });

      it('adds real usage past the limit, so the next call is refused', async () => {
        const [store] = (await openStores(1)) as [Store];
        await store.consumeWindow('tpm:b', 100, 1000, minute, t0);
        await store.addToWindow('tpm:b', 1200, minute, t0 + 1);
        expect(await store.consumeWindow('tpm:b', 1, 1000, minute, t0 + 2)).toMatchObject({
          admitted: false,
          used: 1300,
        });
        expect(await store.consumeWindow('tpm:other', 1, 1000, minute, t0 + 2)).toMatchObject({
          admitted: true,
          used: 1,
        });
      });

      it('admits exactly the limit under concurrent calls from two instances', async () => {
        const [a, b] = (await openStores(2)) as [Store, Store];
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, call) =>
            (call % 2 === 0 ? a : b).consumeWindow('rpm:busy', 1, 60, minute, t0),
          ),
        );
        expect(answers.filter((answer) => answer.admitted)).toHaveLength(60);
        expect(await a.consumeWindow('rpm:busy', 0, 60, minute, t0)).toMatchObject({ used: 60 });
      });
    });

    describe('budgets', () => {
      const periodEndsAt = t0 + 3_600_000;

      it('reserves while spent + reserved + amount stays within the limit', async () => {
        const [store] = (await openStores(1)) as [Store];
        const first = await store.reserveBudget('key:a', 'r1', 0.5, 1, periodEndsAt, t0);
        const second = await store.reserveBudget('key:a', 'r2', 0.5, 1, periodEndsAt, t0);
        const third = await store.reserveBudget('key:a', 'r3', 0.25, 1, periodEndsAt, t0);
        expect([first, second, third]).toEqual([
          { admitted: true, spentUsd: 0, reservedUsd: 0.5, resetAt: periodEndsAt },
          { admitted: true, spentUsd: 0, reservedUsd: 1, resetAt: periodEndsAt },
          { admitted: false, spentUsd: 0, reservedUsd: 1, resetAt: periodEndsAt },
        ]);
      });

      it('settles a reservation at the real cost, freeing the rest', async () => {
        const [store] = (await openStores(1)) as [Store];
        await store.reserveBudget('key:b', 'r1', 0.75, 1, periodEndsAt, t0);
        await store.settleBudget('key:b', 'r1', 0.25, periodEndsAt);
        expect(await store.reserveBudget('key:b', 'r2', 0.5, 1, periodEndsAt, t0)).toEqual({
          admitted: true,
          spentUsd: 0.25,
          reservedUsd: 0.5,
          resetAt: periodEndsAt,
        });
        await store.settleBudget('key:b', 'r2', 0, periodEndsAt);
        expect(await store.reserveBudget('key:b', 'r3', 0.75, 1, periodEndsAt, t0)).toMatchObject({
          admitted: true,
          spentUsd: 0.25,
          reservedUsd: 0.75,
        });
      });

      it('starts each period afresh', async () => {
        const [store] = (await openStores(1)) as [Store];
        await store.reserveBudget('key:c', 'r1', 1, 1, periodEndsAt, t0);
        await store.settleBudget('key:c', 'r1', 1, periodEndsAt);
        const next = periodEndsAt + 3_600_000;
        expect(await store.reserveBudget('key:c', 'r2', 1, 1, next, periodEndsAt)).toMatchObject({
          admitted: true,
          spentUsd: 0,
        });
      });

      it('admits a budget to the cent: 100 reservations of $0.01 fill $1.00', async () => {
        const [store] = (await openStores(1)) as [Store];
        const answers = [];
        for (let call = 0; call < 101; call += 1) {
          answers.push(
            await store.reserveBudget('key:cents', `r${call}`, 0.01, 1, periodEndsAt, t0),
          );
        }
        expect(answers.filter((answer) => answer.admitted)).toHaveLength(100);
        for (let call = 0; call < 100; call += 1) {
          await store.settleBudget('key:cents', `r${call}`, 0.01, periodEndsAt);
        }
        const after = await store.reserveBudget('key:cents', 'last', 0.01, 1, periodEndsAt, t0);
        expect(after.admitted).toBe(false);
        expect(after.spentUsd).toBeCloseTo(1, 9);
      });

      it('cannot overspend under concurrent reservations from two instances', async () => {
        const [a, b] = (await openStores(2)) as [Store, Store];
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, call) =>
            (call % 2 === 0 ? a : b).reserveBudget(
              'key:busy',
              `r${call}`,
              0.125,
              1,
              periodEndsAt,
              t0,
            ),
          ),
        );
        expect(answers.filter((answer) => answer.admitted)).toHaveLength(8);
      });
    });

    describe('response cache', () => {
      const entry = { value: { text: 'cached', usage: { inputTokens: 3 } }, storedAt: t0 };

      it('returns what was stored until its TTL, then misses', async () => {
        const [a, b] = (await openStores(2)) as [Store, Store];
        await a.cacheSet('call:1', entry, 5_000);
        expect(await b.cacheGet('call:1', t0 + 4_999)).toEqual(entry);
        expect(await b.cacheGet('call:1', t0 + 5_000)).toBeUndefined();
        expect(await b.cacheGet('call:unknown', t0)).toBeUndefined();
      });

      it('drops the least recently used entry past maxCacheEntries', async () => {
        const [store] = (await openStores(1, { maxCacheEntries: 2 })) as [Store];
        await store.cacheSet('a', entry, 60_000);
        await store.cacheSet('b', entry, 60_000);
        await store.cacheGet('a', t0);
        await store.cacheSet('c', entry, 60_000);
        const hits = await Promise.all(['a', 'b', 'c'].map((key) => store.cacheGet(key, t0)));
        expect(hits.map((hit) => hit !== undefined)).toEqual([true, false, true]);
      });
    });

    describe('health records', () => {
      it('keeps the last record and tells this instance at once, others soon after', async () => {
        const [a, b] = (await openStores(2)) as [Store, Store];
        const seenByA: string[] = [];
        const seenByB: string[] = [];
        a.onHealthChange((targetId, health) => seenByA.push(`${targetId}:${health.breaker.state}`));
        const stop = b.onHealthChange((targetId, health) =>
          seenByB.push(`${targetId}:${health.breaker.state}`),
        );
        const open = record('open', 1, t0 + 30_000);
        a.setHealth('openai', open);
        expect(a.getHealth('openai')).toEqual(open);
        expect(seenByA).toEqual(['openai:open']);
        await vi.waitFor(() => expect(b.getHealth('openai')).toEqual(open), { timeout: 1000 });
        expect(seenByB).toEqual(['openai:open']);

        stop();
        b.setHealth('openai', record('closed', 0));
        await vi.waitFor(() => expect(a.getHealth('openai')?.breaker.state).toBe('closed'), {
          timeout: 1000,
        });
        expect(seenByB).toEqual(['openai:open']);
        expect(seenByA).toEqual(['openai:open', 'openai:closed']);
        expect(a.getHealth('anthropic')).toBeUndefined();
      });
    });

    it('reports its kind and whether it shares state', async () => {
      const [store] = (await openStores(1)) as [Store];
      expect(store.status()).toEqual({ kind, shared: factory.shared });
      expect(store.kind).toBe(kind);
    });
  });
}
