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
  return new Ring(capacity);
}

/** A class, so `latest` and `size` are plain fields: strategies read them per target per call. */
class Ring implements SampleWindow {
  latest: number | undefined = undefined;
  size = 0;
  private readonly samples: Float64Array;
  private readonly scratch: Float64Array;
  private next = 0;
  // Two medians cached (least-latency asks for a short and a longer one), by samples used.
  private cachedCount = 0;
  private cachedMedian = 0;
  private olderCount = 0;
  private olderMedian = 0;

  constructor(private readonly capacity: number) {
    this.samples = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  record(sampleMs: number): void {
    if (!Number.isFinite(sampleMs) || sampleMs < 0) return;
    this.samples[this.next] = sampleMs;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.size < this.capacity) this.size += 1;
    this.latest = sampleMs;
    this.cachedCount = 0;
    this.olderCount = 0;
  }

  quantile(quantile: number, minSamples: number): number | undefined {
    const count = this.size;
    if (count === 0 || count < minSamples) return undefined;
    const sorted = this.samples.slice(0, count).sort();
    // Nearest rank: the smallest sample with at least `quantile` of the samples at or below it.
    const rank = Math.min(count, Math.max(1, Math.ceil(quantile * count)));
    return sorted[rank - 1];
  }

  median(wanted: number): number | undefined {
    const used = wanted < this.size ? Math.floor(wanted) : this.size;
    if (used < 1) return undefined;
    if (used === this.cachedCount) return this.cachedMedian;
    if (used === this.olderCount) return this.olderMedian;
    this.olderCount = this.cachedCount;
    this.olderMedian = this.cachedMedian;
    this.cachedCount = used;
    this.cachedMedian = this.computeMedian(used);
    return this.cachedMedian;
  }

  /** Insertion sort of the newest `used` samples into `scratch`: `used` is small. */
  private computeMedian(used: number): number {
    const { samples, scratch, capacity } = this;
    let at = this.next;
    for (let offset = 0; offset < used; offset += 1) {
      at = at === 0 ? capacity - 1 : at - 1;
      const value = samples[at] as number;
      let slot = offset;
      while (slot > 0 && (scratch[slot - 1] as number) > value) {
        scratch[slot] = scratch[slot - 1] as number;
        slot -= 1;
      }
      scratch[slot] = value;
    }
    return scratch[(used - 1) >> 1] as number;
  }
}
