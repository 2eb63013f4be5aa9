import type { CallFacts } from '../capabilities/call-facts.js';
import type { LatencySamples } from '../health/sample-window.js';
import type { ResolvedTarget, RouteMember } from '../options/resolved-options.js';

/** What a strategy may read about the targets' live state (no I/O: a snapshot). */
export interface HealthView {
  /** Exponentially weighted mean duration of recent attempts, in ms (successes, and hedges cut short). */
  latencyMs(targetId: string): number | undefined;
  /** Exponentially weighted mean time to first content part, in ms (streams). */
  ttftMs(targetId: string): number | undefined;
  /** The 95th percentile of the last 100 TTFT samples; undefined below 20 samples. */
  ttftP95Ms(targetId: string): number | undefined;
  /** The 95th percentile of the last 100 duration samples; undefined below 20 samples. */
  latencyP95Ms(targetId: string): number | undefined;
  /** The last 100 TTFT samples, for medians (least-latency); undefined before the first. */
  ttftSamples(targetId: string): LatencySamples | undefined;
  /** The last 100 duration samples, for medians (least-latency); undefined before the first. */
  latencySamples(targetId: string): LatencySamples | undefined;
  /** When the target's last latency sample was taken (clock ms), if ever. */
  sampledAt(targetId: string): number | undefined;
  /** Attempts running now. */
  inFlight(targetId: string): number;
}

/** What a strategy may read about a target: its configuration, no model objects. */
export type StrategyTarget = Pick<
  ResolvedTarget,
  'id' | 'provider' | 'modelId' | 'region' | 'price' | 'weight'
>;

export interface StrategyInput {
  /** The route's members in their configured order. */
  members: readonly RouteMember[];
  call: CallFacts;
  health: HealthView;
  /** Seedable randomness (options.random). */
  random: () => number;
  /** The router's clock time (options.clock), for staleness. */
  now: number;
  /** The call's region (`createClient({ region })`, `providerOptions.modelmux.region`), if given. */
  region: string | undefined;
  /** A member target's configuration (price, region); undefined for a nested route's name. */
  target(id: string): StrategyTarget | undefined;
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
