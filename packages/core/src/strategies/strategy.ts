import type { CallFacts } from '../capabilities/call-facts.js';
import type { RouteMember } from '../options/resolved-options.js';

/** What a strategy may read about the targets' live state (no I/O: a snapshot). */
export interface HealthView {
  /** Exponentially weighted mean duration of recent successful attempts, in ms. */
  latencyMs(targetId: string): number | undefined;
  /** Attempts running now. */
  inFlight(targetId: string): number;
}

export interface StrategyInput {
  /** The route's members in their configured order. */
  members: readonly RouteMember[];
  call: CallFacts;
  health: HealthView;
  /** Seedable randomness (options.random). */
  random: () => number;
}

/**
 * How a route orders its members for one call. Pure: members in, order out. Health filtering
 * (open breakers, cooldowns, capabilities) happens after ordering, in one place, so every
 * strategy gets it for free and the trace explains each skip the same way.
 */
export interface Strategy {
  readonly name: string;
  order(input: StrategyInput): readonly RouteMember[];
}
