/**
 * How many hedges a route may start: over a sliding window, at most `maxExtraRatio` of its calls
 * (at least one per window, so a cold route can hedge its first slow call). Counted in ten
 * buckets, so memory is fixed and a check sums ten numbers.
 */
export interface HedgeBudget {
  /** A call started on the route. */
  recordCall(now: number): void;
  /** Spends one hedge if the window allows it. */
  tryTake(now: number): boolean;
  /** Calls and hedges in the window ending at `now`. */
  usage(now: number): { calls: number; hedges: number };
}

const BUCKETS = 10;

export function createHedgeBudget({
  maxExtraRatio,
  windowMs,
}: {
  maxExtraRatio: number;
  windowMs: number;
}): HedgeBudget {
  const bucketMs = windowMs / BUCKETS;
  // Bucket i holds the counts of the slice starting at starts[i]; a stale slice is reset on use.
  const starts = new Float64Array(BUCKETS).fill(Number.NEGATIVE_INFINITY);
  const calls = new Uint32Array(BUCKETS);
  const hedges = new Uint32Array(BUCKETS);

  function bucket(now: number): number {
    const slice = Math.floor(now / bucketMs);
    const index = ((slice % BUCKETS) + BUCKETS) % BUCKETS;
    const start = slice * bucketMs;
    if (starts[index] !== start) {
      starts[index] = start;
      calls[index] = 0;
      hedges[index] = 0;
    }
    return index;
  }

  function usage(now: number): { calls: number; hedges: number } {
    const oldest = now - windowMs;
    let callCount = 0;
    let hedgeCount = 0;
    for (let index = 0; index < BUCKETS; index += 1) {
      if ((starts[index] as number) + bucketMs > oldest) {
        callCount += calls[index] as number;
        hedgeCount += hedges[index] as number;
      }
    }
    return { calls: callCount, hedges: hedgeCount };
  }

  return {
    recordCall(now) {
      const index = bucket(now);
      calls[index] = (calls[index] as number) + 1;
    },
    tryTake(now) {
      const current = usage(now);
      if (current.hedges + 1 > Math.max(1, maxExtraRatio * current.calls)) return false;
      const index = bucket(now);
      hedges[index] = (hedges[index] as number) + 1;
      return true;
    },
    usage,
  };
}
