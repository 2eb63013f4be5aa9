/**
 * Full-jitter exponential backoff (AWS's "Exponential Backoff and Jitter"): a uniform draw
 * between 0 and the capped exponential step, so retries from many callers spread out instead
 * of arriving together. `attempt` counts from 0 (the wait before the first retry).
 */
export function fullJitterBackoffMs({
  attempt,
  baseMs,
  maxMs,
  random,
}: {
  attempt: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
}): number {
  // The exponent is capped so a large attempt number cannot turn the step into Infinity or NaN.
  const stepMs = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 52));
  return random() * stepMs;
}
