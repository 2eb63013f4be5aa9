import type { BreakerPolicy } from '../../src/options/resolved-options.js';

/** A resolved breaker for tests that drive the health registry directly: trips after 3 in a row. */
export const testBreakerPolicy: BreakerPolicy = {
  consecutiveFailures: 3,
  failureRatio: 0.5,
  windowMs: 10_000,
  minimumCalls: 10,
  cooldownMs: 1_000,
  maxCooldownMs: 8_000,
  halfOpenProbes: 2,
};
