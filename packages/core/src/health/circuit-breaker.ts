import type { BreakerPolicy } from '../options/resolved-options.js';

/**
 * A target's circuit breaker as plain data (a store saves it as JSON) and the pure functions
 * that move it. Nothing here reads a clock: every function takes `now`.
 */

export type BreakerStatus = 'closed' | 'open' | 'half-open';

/** What a change of state is called in events: `breaker-open`, `breaker-half-open`, `breaker-close`. */
export type BreakerTransition = 'open' | 'half-open' | 'close';

/** Why a breaker opened. */
export type TripReason = 'consecutive-failures' | 'failure-ratio' | 'probe-failed';

/** Calls that ended in one slice of the sliding window. */
export interface WindowBucket {
  /** Start of the slice (a multiple of the slice length). */
  startMs: number;
  successes: number;
  failures: number;
}

export interface BreakerState {
  state: BreakerStatus;
  /** Failures in a row since the last success. */
  consecutiveFailures: number;
  /** Trips in a row without a successful probe between them; grows the open period. */
  trips: number;
  /** When the open period ends. Kept in half-open too: it names the trip being probed. */
  openUntil: number | undefined;
  /**
   * The sliding window, oldest first: at most WINDOW_BUCKETS slices of windowMs / WINDOW_BUCKETS,
   * empty slices left out. Counting per slice, not per call, keeps the record small and the
   * cost of an outcome constant however busy the target is.
   */
  buckets: WindowBucket[];
}

/** Slices per window: the window forgets in steps of a tenth of windowMs. */
export const WINDOW_BUCKETS = 10;

export function createBreakerState(): BreakerState {
  return { state: 'closed', consecutiveFailures: 0, trips: 0, openUntil: undefined, buckets: [] };
}

/**
 * Whether a call may start. `probesInFlight` is counted by the caller (it is local, not shared):
 * - `admit`: closed, an ordinary call;
 * - `probe`: half-open (or open whose period has run out) with a free probe slot;
 * - `open`: still in the open period;
 * - `half-open-busy`: every probe slot is taken.
 */
export type Admission = 'admit' | 'probe' | 'open' | 'half-open-busy';

export function breakerAdmission(
  state: BreakerState,
  policy: BreakerPolicy,
  now: number,
  probesInFlight: number,
): Admission {
  if (state.state === 'closed') return 'admit';
  if (state.state === 'open' && !openPeriodOver(state, now)) return 'open';
  return probesInFlight < policy.halfOpenProbes ? 'probe' : 'half-open-busy';
}

/** True when the breaker is open and its open period has run out: it is due to go half-open. */
export function openPeriodOver(state: BreakerState, now: number): boolean {
  return state.state === 'open' && (state.openUntil === undefined || now >= state.openUntil);
}

/** The breaker after its open period: probes may go. */
export function toHalfOpen(state: BreakerState): BreakerState {
  return { ...state, state: 'half-open' };
}

/** The open period after `trips` trips in a row: cooldownMs, doubled per trip, capped. */
export function openPeriodMs(policy: BreakerPolicy, trips: number): number {
  // The exponent is capped so a long outage cannot overflow to Infinity (or NaN with a 0 base).
  const factor = 2 ** Math.min(Math.max(trips - 1, 0), 30);
  return Math.min(policy.cooldownMs * factor, policy.maxCooldownMs);
}

/**
 * How long a probe may hold its half-open slot. Attempts end by their timeouts, but a route may
 * have none, and one hung probe must not keep a target out of service for good. After twice the
 * first open period the slot is presumed lost and another probe may go; the hung probe's result,
 * should it come, no longer decides the breaker.
 */
export function probeSlotTtlMs(policy: BreakerPolicy): number {
  return 2 * policy.cooldownMs;
}

export interface OutcomeResult {
  /** The new state; the same object when the outcome changed nothing. */
  state: BreakerState;
  transition: BreakerTransition | undefined;
  /** Set when the transition is `open`. */
  reason: TripReason | undefined;
}

/**
 * The breaker after one attempt ended in `outcome`. Neutral outcomes (fallback-only, caller
 * errors, aborts) never get here. `probe` is true only for an attempt that holds a half-open
 * probe slot: while half-open, only probes decide; while open, late results of attempts that
 * started before the trip are ignored.
 */
export function recordOutcome(
  state: BreakerState,
  policy: BreakerPolicy,
  now: number,
  outcome: 'success' | 'failure',
  { probe, panic = false }: { probe: boolean; panic?: boolean },
): OutcomeResult {
  // A panic attempt (made although the breaker was open, because every candidate was) that
  // succeeds is proof the target is back: close rather than wait out the open period.
  if (panic && outcome === 'success' && state.state !== 'closed') {
    return { state: createBreakerState(), transition: 'close', reason: undefined };
  }
  if (state.state === 'open' || (state.state === 'half-open' && !probe)) {
    return { state, transition: undefined, reason: undefined };
  }
  if (state.state === 'half-open') {
    if (outcome === 'success') {
      return { state: createBreakerState(), transition: 'close', reason: undefined };
    }
    const counted = { ...state, consecutiveFailures: state.consecutiveFailures + 1 };
    return { state: trip(counted, policy, now), transition: 'open', reason: 'probe-failed' };
  }
  const failed = outcome === 'failure';
  const buckets = addToWindow(state.buckets, policy, now, failed);
  const consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;
  const next: BreakerState = { ...state, consecutiveFailures, buckets };
  if (!failed) return { state: next, transition: undefined, reason: undefined };
  if (consecutiveFailures >= policy.consecutiveFailures) {
    return { state: trip(next, policy, now), transition: 'open', reason: 'consecutive-failures' };
  }
  if (ratioExceeded(buckets, policy)) {
    return { state: trip(next, policy, now), transition: 'open', reason: 'failure-ratio' };
  }
  return { state: next, transition: undefined, reason: undefined };
}

function trip(state: BreakerState, policy: BreakerPolicy, now: number): BreakerState {
  const trips = state.trips + 1;
  return { ...state, state: 'open', trips, openUntil: now + openPeriodMs(policy, trips) };
}

function ratioExceeded(buckets: readonly WindowBucket[], policy: BreakerPolicy): boolean {
  let calls = 0;
  let failures = 0;
  for (const bucket of buckets) {
    calls += bucket.successes + bucket.failures;
    failures += bucket.failures;
  }
  return calls >= policy.minimumCalls && calls > 0 && failures / calls >= policy.failureRatio;
}

/**
 * A closed breaker's success counted by changing `state` itself, when that changes nothing but
 * the newest slice's count (the slice is current and no older one slid out); returns false,
 * untouched, otherwise. Only for a state its caller owns alone (never one a store holds): the
 * result is exactly what `recordOutcome` would return, without the copies.
 */
export function countSuccessInPlace(
  state: BreakerState,
  policy: BreakerPolicy,
  now: number,
): boolean {
  if (state.state !== 'closed') return false;
  const { buckets } = state;
  const last = buckets[buckets.length - 1];
  if (last === undefined) return false;
  const sliceMs = Math.max(policy.windowMs / WINDOW_BUCKETS, 1);
  const startMs = Math.floor(now / sliceMs) * sliceMs;
  if (Math.abs(last.startMs - startMs) >= sliceMs / 2) return false;
  // The same test addToWindow keeps older slices by.
  const keepAfter = startMs - policy.windowMs + sliceMs / 2;
  for (let index = 0; index < buckets.length - 1; index += 1) {
    const bucket = buckets[index] as WindowBucket;
    if (!(bucket.startMs > keepAfter && startMs - bucket.startMs >= sliceMs / 2)) return false;
  }
  last.startMs = startMs;
  last.successes += 1;
  state.consecutiveFailures = 0;
  return true;
}

/** The window with one more call counted; slices that slid out of the window are dropped. */
function addToWindow(
  buckets: readonly WindowBucket[],
  policy: BreakerPolicy,
  now: number,
  failed: boolean,
): WindowBucket[] {
  const sliceMs = Math.max(policy.windowMs / WINDOW_BUCKETS, 1);
  const startMs = Math.floor(now / sliceMs) * sliceMs;
  // Slices start a whole number of sliceMs apart; half a slice of slack absorbs float error.
  const keepAfter = startMs - policy.windowMs + sliceMs / 2;
  const next: WindowBucket[] = [];
  for (const bucket of buckets) {
    if (bucket.startMs > keepAfter && startMs - bucket.startMs >= sliceMs / 2) next.push(bucket);
  }
  const last = buckets[buckets.length - 1];
  const current =
    last !== undefined && Math.abs(last.startMs - startMs) < sliceMs / 2
      ? last
      : { startMs, successes: 0, failures: 0 };
  next.push({
    startMs,
    successes: current.successes + (failed ? 0 : 1),
    failures: current.failures + (failed ? 1 : 0),
  });
  return next;
}
