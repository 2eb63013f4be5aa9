/**
 * Exponentially weighted moving average of durations (time to first token, attempt duration).
 * Recent samples weigh most, so a target that slows down is noticed within a few calls, and
 * one number per target is all the state there is (no sample arrays on the hot path).
 */

/** Weight of the newest sample: 0.3 forgets a spike after about five calls. */
export const DEFAULT_EWMA_ALPHA = 0.3;

/**
 * The average after one more `sampleMs`. The first sample is taken as is; samples that are not
 * finite non-negative durations (a clock jump, a bug upstream) leave the average unchanged.
 */
export function nextEwma(
  previousMs: number | undefined,
  sampleMs: number,
  alpha: number = DEFAULT_EWMA_ALPHA,
): number | undefined {
  if (!Number.isFinite(sampleMs) || sampleMs < 0) return previousMs;
  if (previousMs === undefined) return sampleMs;
  return previousMs + alpha * (sampleMs - previousMs);
}
