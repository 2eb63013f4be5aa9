import { randomUUID } from 'node:crypto';
import { memoryStore, type Store, type StoreStatus } from '@modelmux/core';
import { Redis, type RedisOptions } from 'ioredis';
import { createRedisLink } from './redis-link.js';
import {
  cacheGetScript,
  cacheSetScript,
  reserveScript,
  settleScript,
  windowScript,
} from './redis-scripts.js';
import { type RedisStoreOptions, resolveRedisStoreOptions } from './redis-store-options.js';
import { createSharedHealth } from './shared-health.js';

export interface RedisStore extends Store {
  /**
   * Resolves true once Redis answers, the subscription is live and the known health records are
   * loaded; false if that has not happened within `timeoutMs`. The store works before that (from
   * local state): this is for start-up checks and tests.
   */
  ready(timeoutMs?: number): Promise<boolean>;
}

interface Settle {
  key: string;
  reservationId: string;
  actualUsd: number;
  periodEndsAt: number;
}

/** Settles kept while Redis is away, replayed when it returns; past this many the oldest go. */
const MAX_PENDING_SETTLES = 10_000;

// Reconnect quickly: an outage ends for the fleet when Redis is back, not seconds later.
const retryStrategy = (attempt: number) => Math.min(attempt * 50, 500);

/**
 * The Store on Redis: breaker and cooldown records shared by pub/sub (the router reads a local
 * copy), rate windows and budget reservations in atomic Lua scripts, the response cache with a
 * TTL and LRU bound. Never rejects: while Redis is down or slow it answers from a local memory
 * store, warns once, reports it in `status()`, and shares again when Redis returns.
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  const resolved = resolveRedisStoreOptions(options);
  const { prefix, commandTimeoutMs, reservationTtlMs, maxCacheEntries } = resolved;
  const connection: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    retryStrategy,
  };
  const ownsClient = resolved.client === undefined;
  const client = resolved.client ?? new Redis(resolved.url as string, connection);
  if (client.status === 'wait') client.connect().catch(() => {});
  // Subscriber mode needs its own connection; it queues SUBSCRIBE until connected and
  // re-subscribes by itself after a reconnect.
  const subscriber = client.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    autoResubscribe: true,
    lazyConnect: false,
    retryStrategy,
  });
  // Its outages show in status(); without a listener ioredis would log every reconnect attempt.
  subscriber.on('error', () => {});

  const local = memoryStore({ maxCacheEntries });
  const channel = `${prefix}health`;
  let syncing: Promise<void> | undefined;
  let syncAgain = false;
  let synced = false;

  const link = createRedisLink({
    client,
    commandTimeoutMs,
    retryAfterMs: resolved.retryAfterMs,
    logger: resolved.logger,
    onRestored: () => void resync(),
  });
  const health = createSharedHealth({
    link,
    subscriber,
    hashKey: `${prefix}health`,
    channel,
    ttlMs: resolved.healthTtlMs,
    instanceId: randomUUID(),
  });

  // Reservations made in the local fallback are settled there; settles Redis missed are replayed.
  const localReservations = new Set<string>();
  const pendingSettles: Settle[] = [];
  // The shared spend last seen per budget period: while Redis is away, only the rest is spent locally.
  const lastSharedUsd = new Map<string, number>();

  let subscribed = false;
  subscriber.subscribe(channel).then(
    () => {
      subscribed = true;
    },
    () => {},
  );
  subscriber.on('ready', () => {
    if (link.usable()) void resync();
  });

  /** Share what changed here while Redis was away, then take what the others know. */
  function resync(): Promise<void> {
    if (syncing !== undefined) {
      syncAgain = true;
      return syncing;
    }
    synced = false;
    syncing = (async () => {
      do {
        syncAgain = false;
        try {
          await health.resync();
          while (pendingSettles.length > 0) {
            const settle = pendingSettles[0] as Settle;
            await runSettle(settle);
            pendingSettles.shift();
          }
          synced = true;
        } catch (error) {
          link.failed(error);
          return;
        }
      } while (syncAgain);
    })().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  const budgetKeys = (key: string, periodEndsAt: number) => {
    const budget = `${prefix}budget:${key}:${periodEndsAt}`;
    return [budget, `${budget}:reservations`];
  };

  function runSettle({ key, reservationId, actualUsd, periodEndsAt }: Settle) {
    return link.run(settleScript, budgetKeys(key, periodEndsAt), [
      reservationId,
      actualUsd,
      reservationTtlMs,
    ]);
  }

  function queueSettle(settle: Settle): void {
    pendingSettles.push(settle);
    if (pendingSettles.length > MAX_PENDING_SETTLES) pendingSettles.shift();
  }

  function status(): StoreStatus {
    const down = link.degraded();
    if (down !== undefined) return { kind: 'redis', shared: false, degraded: down };
    if (subscriber.status !== 'ready') {
      return { kind: 'redis', shared: false, degraded: 'redis subscriber reconnecting' };
    }
    return { kind: 'redis', shared: true };
  }

  const cacheRecency = `${prefix}cache-recency`;
  const cacheClock = `${prefix}cache-clock`;
  const cachePrefix = `${prefix}cache:`;

  return {
    kind: 'redis',
    getHealth: health.get,
    setHealth: health.set,
    onHealthChange: health.onChange,

    async consumeWindow(key, amount, limit, windowMs, now) {
      const startsAt = Math.floor(now / windowMs) * windowMs;
      if (link.usable()) {
        try {
          const [admitted, used] = (await link.run(
            windowScript,
            [`${prefix}window:${key}:${startsAt}`],
            [amount, limit, windowMs, 0],
          )) as [number, string];
          return { admitted: admitted === 1, used: Number(used), resetAt: startsAt + windowMs };
        } catch (error) {
          link.failed(error);
        }
      }
      return local.consumeWindow(key, amount, limit, windowMs, now);
    },

    async addToWindow(key, amount, windowMs, now) {
      const startsAt = Math.floor(now / windowMs) * windowMs;
      if (link.usable()) {
        try {
          await link.run(
            windowScript,
            [`${prefix}window:${key}:${startsAt}`],
            [amount, 0, windowMs, 1],
          );
          return;
        } catch (error) {
          link.failed(error);
        }
      }
      await local.addToWindow(key, amount, windowMs, now);
    },

    async reserveBudget(key, reservationId, amountUsd, limitUsd, periodEndsAt, now) {
      const period = `${key}@${periodEndsAt}`;
      if (link.usable()) {
        try {
          // The budget lives until its period ends (a minute more, for late settles).
          const ttlMs = Math.max(1, Math.ceil(periodEndsAt - now)) + 60_000;
          const [admitted, spent, reserved] = (await link.run(
            reserveScript,
            budgetKeys(key, periodEndsAt),
            [reservationId, amountUsd, limitUsd, ttlMs, reservationTtlMs],
          )) as [number, string, string];
          const spentUsd = Number(spent);
          const reservedUsd = Number(reserved);
          lastSharedUsd.set(period, spentUsd);
          return { admitted: admitted === 1, spentUsd, reservedUsd, resetAt: periodEndsAt };
        } catch (error) {
          link.failed(error);
        }
      }
      // Locally, only what the fleet had not used when last seen is available.
      for (const name of lastSharedUsd.keys()) {
        if (Number(name.slice(name.lastIndexOf('@') + 1)) <= now) lastSharedUsd.delete(name);
      }
      const shared = lastSharedUsd.get(period) ?? 0;
      localReservations.add(reservationId);
      const result = await local.reserveBudget(
        key,
        reservationId,
        amountUsd,
        limitUsd - shared,
        periodEndsAt,
        now,
      );
      if (!result.admitted) localReservations.delete(reservationId);
      return { ...result, spentUsd: result.spentUsd + shared };
    },

    async settleBudget(key, reservationId, actualUsd, periodEndsAt) {
      const settle = { key, reservationId, actualUsd, periodEndsAt };
      if (localReservations.delete(reservationId)) {
        await local.settleBudget(key, reservationId, actualUsd, periodEndsAt);
        // The fleet learns this spend when Redis is back.
        if (actualUsd !== 0) queueSettle(settle);
        return;
      }
      if (link.usable()) {
        try {
          await runSettle(settle);
          return;
        } catch (error) {
          link.failed(error);
        }
      }
      queueSettle(settle);
    },

    async cacheGet(key, now) {
      if (link.usable()) {
        try {
          const json = (await link.run(
            cacheGetScript,
            [`${cachePrefix}${key}`, cacheRecency, cacheClock],
            [key],
          )) as string | null;
          if (json === null) return undefined;
          const { entry, expiresAt } = JSON.parse(json) as {
            entry: { value: unknown; storedAt: number };
            expiresAt: number;
          };
          return expiresAt <= now ? undefined : entry;
        } catch (error) {
          link.failed(error);
        }
      }
      return local.cacheGet(key, now);
    },

    async cacheSet(key, entry, ttlMs) {
      if (link.usable()) {
        try {
          const json = JSON.stringify({ entry, expiresAt: entry.storedAt + ttlMs });
          await link.run(
            cacheSetScript,
            [`${cachePrefix}${key}`, cacheRecency, cacheClock],
            [key, json, Math.max(1, Math.ceil(ttlMs)), maxCacheEntries, cachePrefix],
          );
          return;
        } catch (error) {
          link.failed(error);
        }
      }
      await local.cacheSet(key, entry, ttlMs);
    },

    status,

    async ready(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (subscribed && status().shared && synced && syncing === undefined) return true;
        if (link.usable() && !synced && syncing === undefined) void resync();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return false;
    },

    async close() {
      health.close();
      link.close();
      subscriber.disconnect();
      if (ownsClient) {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }
      await local.close();
    },
  };
}
