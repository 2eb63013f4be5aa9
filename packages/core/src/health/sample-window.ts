/**
 * What a strategy may read of a target's last latency samples (time to first token, or
 * duration): robust estimates that one slow outlier does not move.
 */
export interface LatencySamples {
  /**
   * The median of the newest `count` samples (of all held, if fewer): the lower middle one for
   * an even count, so two samples give the faster. Undefined when empty. Cached until the next
   * sample, so asking on every call sorts nothing.
   */
  median(count: number): number | undefined;
  /** The newest sample. */
  readonly latest: number | undefined;
  readonly size: number;
}

/**
 * The last few latency samples of one target, for a percentile (hedging's `'p95'` threshold)
 * and least-latency's medians. A fixed ring: recording allocates nothing, and the percentile
 * sorts a copy only when asked, which hedging does once per call.
 */
export interface SampleWindow extends LatencySamples {
  record(sampleMs: number): void;
  /** The `quantile` (0..1) of the samples held, or undefined below `minSamples`. */
  quantile(quantile: number, minSamples: number): number | undefined;
}

/** Samples kept per target: enough for a stable p95, small enough to sort per call. */
export const SAMPLE_WINDOW_SIZE = 100;

export function createSampleWindow(capacity: number = SAMPLE_WINDOW_SIZE): SampleWindow {
  const samples = new Float64Array(capacity);
  const scratch = new Float64Array(capacity);
  let count = 0;
  let next = 0;
  // Two medians cached (least-latency asks for a short and a longer one), by samples used.
  let cachedCount = 0;
  let cachedMedian = 0;
  let olderCount = 0;
  let olderMedian = 0;

  /** Insertion sort of the newest `used` samples into `scratch`: `used` is small. */
  function computeMedian(used: number): number {
    for (let offset = 0; offset < used; offset += 1) {
      const value = samples[(next - 1 - offset + capacity) % capacity] as number;
      let slot = offset;
      while (slot > 0 && (scratch[slot - 1] as number) > value) {
        scratch[slot] = scratch[slot - 1] as number;
        slot -= 1;
      }
      scratch[slot] = value;
    }
    return scratch[(used - 1) >> 1] as number;
  }

  return {
    record(sampleMs) {
      if (!Number.isFinite(sampleMs) || sampleMs < 0) return;
      samples[next] = sampleMs;
      next = (next + 1) % capacity;
      if (count < capacity) count += 1;
      cachedCount = 0;
      olderCount = 0;
    },
    quantile(quantile, minSamples) {
      if (count === 0 || count < minSamples) return undefined;
      const sorted = samples.slice(0, count).sort();
      // Nearest rank: the smallest sample with at least `quantile` of the samples at or below it.
      const rank = Math.min(count, Math.max(1, Math.ceil(quantile * count)));
      return sorted[rank - 1];
    },
    median(wanted) {
      const used = Math.min(Math.floor(wanted), count);
      if (used < 1) return undefined;
      if (used === cachedCount) return cachedMedian;
      if (used === olderCount) return olderMedian;
      olderCount = cachedCount;
      olderMedian = cachedMedian;
      cachedCount = used;
      cachedMedian = computeMedian(used);
      return cachedMedian;
    },
    get latest() {
      return count === 0 ? undefined : samples[(next - 1 + capacity) % capacity];
    },
    get size() {
      return count;
    },
  };
}
