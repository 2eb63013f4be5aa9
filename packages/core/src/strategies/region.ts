import type { RouteMember } from '../options/resolved-options.js';
import { latencyOrderSettings, orderByLatency } from './latency-order.js';
import type { Strategy } from './strategy.js';

export interface RegionOptions {
  /**
   * For a caller's region, the other regions from nearest to farthest, e.g.
   * `{ 'eu-west-1': ['eu-central-1', 'us-east-1'] }`. Regions not listed come after those listed.
   * @default {} (same region first, then every other region alike)
   */
  nearest?: Readonly<Record<string, readonly string[]>>;
  /** As least-latency's, within each region tier. @default 30000 */
  exploreAfterMs?: number;
  /** As least-latency's, within each region tier. @default 1.1 */
  spreadRatio?: number;
  /** As least-latency's, within each region tier. @default 0.1 */
  exploreRate?: number;
}

/**
 * Nearest deployments first: the caller's own region, then the regions `nearest` lists for it
 * in that order, then the rest (targets without a region among them). Within each tier the
 * fastest first, as least-latency orders; a call without a region is ordered by latency alone.
 * Spill-over comes from the attempt loop: an unhealthy target is skipped for the next.
 */
export function regionAware(options: RegionOptions = {}): Strategy {
  const nearest = options.nearest ?? {};
  const settings = latencyOrderSettings('regionAware', options);
  return {
    name: 'region',
    order(input) {
      const { region, members } = input;
      if (region === undefined) return orderByLatency(input, members, settings);
      const preferred = Object.hasOwn(nearest, region) ? (nearest[region] ?? []) : [];
      const tiers: RouteMember[][] = Array.from({ length: preferred.length + 2 }, () => []);
      for (const member of members) {
        const targetRegion = input.target(member.id)?.region;
        let tier = tiers.length - 1;
        if (targetRegion === region) tier = 0;
        else if (targetRegion !== undefined) {
          const index = preferred.indexOf(targetRegion);
          if (index >= 0) tier = index + 1;
        }
        (tiers[tier] as RouteMember[]).push(member);
      }
      const ordered: RouteMember[] = [];
      for (const tier of tiers) {
        if (tier.length > 0) ordered.push(...orderByLatency(input, tier, settings));
      }
      return ordered;
    },
  };
}

export const regionStrategy: Strategy = regionAware();
