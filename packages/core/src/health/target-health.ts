import { type BreakerState, createBreakerState } from './circuit-breaker.js';

/** Everything about a target's health that instances share through the store. Plain data. */
export interface TargetHealthRecord {
  breaker: BreakerState;
  /** A rate-limited target is skipped until then. */
  coolUntil: number | undefined;
  /** Why the target is cooling down. */
  coolReason: 'rate-limited' | undefined;
}

export function createTargetHealthRecord(): TargetHealthRecord {
  return { breaker: createBreakerState(), coolUntil: undefined, coolReason: undefined };
}
