/**
 * The last few latency samples of one target (time to first token, or duration), for a
 * percentile (hedging's `'p95'` threshold). A fixed ring: recording allocates nothing, and the percentile sorts a copy only
 * when asked, which hedging does once per call.
 */
export interface SampleWindow {
  record(sampleMs: number): void;
  /** The `quantile` (0..1) of the samples held, or undefined below `minSamples`. */
  quantile(quantile: number, minSamples: number): number | undefined;
  readonly size: number;
}

/** Samples kept per target: enough for a stable p95, small enough to sort per call. */
export const SAMPLE_WINDOW_SIZE = 100;

export function createSampleWindow(capacity: number = SAMPLE_WINDOW_SIZE): SampleWindow {
  const samples = new Float64Array(capacity);
  let count = 0;
  let next = 0;
  return {
    record(sampleMs) {
      if (!Number.isFinite(sampleMs) || sampleMs < 0) return;
      samples[next] = sampleMs;
      next = (next + 1) % capacity;
      if (count < capacity) count += 1;
    },
    quantile(quantile, minSamples) {
      if (count === 0 || count < minSamples) return undefined;
      const sorted = samples.slice(0, count).sort();
      // Nearest rank: the smallest sample with at least `quantile` of the samples at or below it.
      const rank = Math.min(count, Math.max(1, Math.ceil(quantile * count)));
      return sorted[rank - 1];
    },
    get size() {
      return count;
    },
  };
}
