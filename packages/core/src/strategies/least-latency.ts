import { latencyOrderSettings, orderByLatency } from './latency-order.js';
import type { Strategy } from './strategy.js';

export interface LeastLatencyOptions {
  /**
   * Re-measure a target whose latest sample is older than this: the next call tries it first,
   * while none of its attempts runs, so a recovered deployment wins its traffic back. @default 30000
   */
  exploreAfterMs?: number;
  /** Targets within this factor of the fastest share the traffic at random; 1 turns it off. @default 1.1 */
  spreadRatio?: number;
  /**
   * After a hiccup (a target usually among the fastest, now out of their group), the chance that
   * a call measures it again, one call at a time; at once when its latest sample is fast again.
   * 0 leaves it to `exploreAfterMs`. @default 0.1
   */
  exploreRate?: number;
}

/**
 * Fastest target first: the median of its last 5 samples of time to first token for streams,
 * of duration otherwise (see `HealthView`), so one slow outlier does not move it. Unmeasured and
 * stale targets are explored one call at a time, and so is a usually-fast target after a hiccup.
 * Throws `RouterConfigError` for an option out of range.
 */
export function leastLatency(options: LeastLatencyOptions = {}): Strategy {
  const settings = latencyOrderSettings('leastLatency', options);
  return {
    name: 'least-latency',
    order: (input) => orderByLatency(input, input.members, settings),
  };
}

export const leastLatencyStrategy: Strategy = leastLatency();
