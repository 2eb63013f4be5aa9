import type { TargetHealthRecord } from '../health/target-health.js';

/** The answer of a rate window: whether the amount was admitted, and the window's state after. */
export interface WindowResult {
  /** The amount was added: the window stays within its limit. */
  admitted: boolean;
  /** What the window holds now (after adding, when admitted). */
  used: number;
  /** When the window frees room again, in clock ms. */
  resetAt: number;
}

/** The answer of a budget reservation. */
export interface ReservationResult {
  /** The reservation was made: spent + reserved + amount stays within the limit. */
  admitted: boolean;
  /** Settled spend in the period, USD. */
  spentUsd: number;
  /** Reserved by calls still in flight, USD (this one included when admitted). */
  reservedUsd: number;
  /** When the period ends and the budget starts again, in clock ms. */
  resetAt: number;
}

/** A cached answer: plain data the cache can serialise (JSON-safe). */
export interface CachedEntry {
  /** The stored value, as the core's cache layer wrote it. */
  value: unknown;
  /** When it was stored, in clock ms. */
  storedAt: number;
}

/** How the store is doing, for `router.stats()` and the status page. */
export interface StoreStatus {
  kind: string;
  /** State is shared with other instances right now (false for memory, or Redis down). */
  shared: boolean;
  /** Why it is not shared when it should be (e.g. "redis unreachable: ECONNREFUSED"). */
  degraded?: string;
}

/**
 * Where state that instances share lives. The router keeps a local copy of everything it reads
 * on the hot path and writes through, so a slow or unreachable store never slows or fails a
 * call. `memory` is the embedded default; `@modelmux/redis` shares state across instances.
 *
 * The async operations (windows, budgets, cache) must never reject: a store that cannot reach
 * its backend answers from local state and reports it in `status()`.
 */
export interface Store {
  readonly kind: string;
  /** The last health record this instance knows for a target. */
  getHealth(targetId: string): TargetHealthRecord | undefined;
  /** Saves a target's health record and shares it with the other instances. */
  setHealth(targetId: string, record: TargetHealthRecord): void;
  /** Called when another instance (or this one) changes a target's record. */
  onHealthChange(listener: (targetId: string, record: TargetHealthRecord) => void): () => void;

  /**
   * Adds `amount` (requests or tokens) to the fixed window `key` of `windowMs`, unless that would
   * pass `limit`. Atomic across instances. `amount` 0 reads the window without changing it.
   */
  consumeWindow(
    key: string,
    amount: number,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<WindowResult>;
  /** Adds to a window whatever the limit (e.g. the real token count once a call has answered). */
  addToWindow(key: string, amount: number, windowMs: number, now: number): Promise<void>;

  /**
   * Reserves `amountUsd` of the budget `key` for the period ending at `periodEndsAt`, unless
   * spent + reserved + amount would pass `limitUsd`. Atomic across instances.
   * `reservationId` identifies the reservation for `settleBudget`.
   */
  reserveBudget(
    key: string,
    reservationId: string,
    amountUsd: number,
    limitUsd: number,
    periodEndsAt: number,
    now: number,
  ): Promise<ReservationResult>;
  /** Replaces a reservation by the call's real cost (0 when it failed before spending). */
  settleBudget(
    key: string,
    reservationId: string,
    actualUsd: number,
    periodEndsAt: number,
  ): Promise<void>;

  cacheGet(key: string, now: number): Promise<CachedEntry | undefined>;
  cacheSet(key: string, entry: CachedEntry, ttlMs: number): Promise<void>;

  status(): StoreStatus;
  close(): Promise<void>;
}
