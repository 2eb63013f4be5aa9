import type { TargetHealthRecord } from '../health/target-health.js';
import type { CachedEntry, Store } from './store.js';

export interface MemoryStoreOptions {
  /** Most cached answers kept; the least recently used go first. @default 1000 */
  maxCacheEntries?: number;
}

/**
 * Sums of cents drift in binary floating point (100 x 0.01 > 1): a nano-dollar of slack lets a
 * budget fill exactly. @modelmux/redis scripts use the same slack.
 */
const USD_TOLERANCE = 1e-9;

interface Budget {
  spentUsd: number;
  reservations: Map<string, number>;
}

/** The embedded default: one process, no I/O. Windows and budgets are fixed periods. */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const maxCacheEntries = options.maxCacheEntries ?? 1000;
  const health = new Map<string, TargetHealthRecord>();
  const listeners = new Set<(targetId: string, record: TargetHealthRecord) => void>();
  // key -> [window start, amount]; one live window per key.
  const windows = new Map<string, { startsAt: number; used: number }>();
  // `${key}@${periodEndsAt}` -> budget of that period.
  const budgets = new Map<string, Budget>();
  // Insertion order is recency: a hit moves the entry to the end.
  const cache = new Map<string, { entry: CachedEntry; expiresAt: number }>();

  function windowOf(key: string, windowMs: number, now: number) {
    const startsAt = Math.floor(now / windowMs) * windowMs;
    let window = windows.get(key);
    if (!window || window.startsAt !== startsAt) {
      window = { startsAt, used: 0 };
      windows.set(key, window);
    }
    return window;
  }

  function budgetOf(key: string, periodEndsAt: number, now: number): Budget {
    const id = `${key}@${periodEndsAt}`;
    let budget = budgets.get(id);
    if (!budget) {
      budget = { spentUsd: 0, reservations: new Map() };
      budgets.set(id, budget);
      // Drop periods that have ended.
      for (const name of budgets.keys()) {
        const endsAt = Number(name.slice(name.lastIndexOf('@') + 1));
        if (endsAt <= now) budgets.delete(name);
      }
    }
    return budget;
  }

  return {
    kind: 'memory',
    getHealth: (targetId) => health.get(targetId),
    setHealth(targetId, record) {
      health.set(targetId, record);
      for (const listener of listeners) listener(targetId, record);
    },
    onHealthChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async consumeWindow(key, amount, limit, windowMs, now) {
      const window = windowOf(key, windowMs, now);
      const admitted = window.used + amount <= limit;
      if (admitted) window.used += amount;
      return { admitted, used: window.used, resetAt: window.startsAt + windowMs };
    },
    async addToWindow(key, amount, windowMs, now) {
      windowOf(key, windowMs, now).used += amount;
    },

    async reserveBudget(key, reservationId, amountUsd, limitUsd, periodEndsAt, now) {
      const budget = budgetOf(key, periodEndsAt, now);
      let reservedUsd = 0;
      for (const amount of budget.reservations.values()) reservedUsd += amount;
      const admitted = budget.spentUsd + reservedUsd + amountUsd <= limitUsd + USD_TOLERANCE;
      if (admitted) {
        budget.reservations.set(reservationId, amountUsd);
        reservedUsd += amountUsd;
      }
      return { admitted, spentUsd: budget.spentUsd, reservedUsd, resetAt: periodEndsAt };
    },
    async settleBudget(key, reservationId, actualUsd, periodEndsAt) {
      const budget = budgets.get(`${key}@${periodEndsAt}`);
      if (!budget) return;
      budget.reservations.delete(reservationId);
      budget.spentUsd += actualUsd;
    },

    async cacheGet(key, now) {
      const hit = cache.get(key);
      if (!hit) return undefined;
      cache.delete(key);
      if (hit.expiresAt <= now) return undefined;
      cache.set(key, hit);
      return hit.entry;
    },
    async cacheSet(key, entry, ttlMs) {
      cache.delete(key);
      cache.set(key, { entry, expiresAt: entry.storedAt + ttlMs });
      while (cache.size > maxCacheEntries) {
        const oldest = cache.keys().next().value as string;
        cache.delete(oldest);
      }
    },

    status: () => ({ kind: 'memory', shared: false }),
    close: async () => {
      listeners.clear();
      cache.clear();
    },
  };
}
