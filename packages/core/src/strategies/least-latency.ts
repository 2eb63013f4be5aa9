import { DEFAULT_EXPLORE_AFTER_MS, DEFAULT_SPREAD_RATIO, orderByLatency } from './latency-order.js';
import type { Strategy } from './strategy.js';

export interface LeastLatencyOptions {
  /**
   * Re-measure a target whose latest sample is older than this: the next call tries it first,
   * while none of its attempts runs, so a recovered deployment wins its traffic back. @default 30000
   */
  exploreAfterMs?: number;
  /** Targets within this factor of the fastest share the traffic at random; 1 turns it off. @default 1.1 */
  spreadRatio?: number;
}

/**
 * Fastest target first: the EWMA of time to first token for streams, of duration otherwise
 * (see `HealthView`). Unmeasured and stale targets are explored one call at a time.
 */
export function leastLatency(options: LeastLatencyOptions = {}): Strategy {
  const settings = {
    exploreAfterMs: options.exploreAfterMs ?? DEFAULT_EXPLORE_AFTER_MS,
    spreadRatio: options.spreadRatio ?? DEFAULT_SPREAD_RATIO,
  };
  return {
    name: 'least-latency',
    order: (input) => orderByLatency(input, input.members, settings),
  };
}

export const leastLatencyStrategy: Strategy = leastLatency();
