import type { TripReason } from './circuit-breaker.js';

/** What the health registry reports as it decides: a breaker moved or a target cooled down. */
export interface HealthEvent {
  type: 'breaker-open' | 'breaker-half-open' | 'breaker-close' | 'target-cooldown';
  targetId: string;
  at: number;
  /** End of the open period (`breaker-open`) or of the cooldown (`target-cooldown`). */
  until?: number;
  reason?: TripReason | 'rate-limited';
}
