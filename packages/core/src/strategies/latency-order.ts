import type { RouteMember } from '../options/resolved-options.js';
import type { StrategyInput } from './strategy.js';

/** How least-latency (and region, within a region) orders members. */
export interface LatencyOrderOptions {
  /**
   * A target with no sample, or none newer than this, is measured again: the next call puts it
   * first, while none of its attempts is running (so one call explores, not a burst).
   */
  exploreAfterMs: number;
  /** Targets within this factor of the fastest share its traffic at random (1: never). */
  spreadRatio: number;
}

export const DEFAULT_EXPLORE_AFTER_MS = 30_000;
export const DEFAULT_SPREAD_RATIO = 1.1;

/**
 * The latency a call of this kind waits on: time to first token for a stream (falling back to
 * duration before the first stream sample), duration otherwise.
 */
export function latencyScore(input: StrategyInput, targetId: string): number | undefined {
  const { health, call } = input;
  return call.operation === 'stream'
    ? (health.ttftMs(targetId) ?? health.latencyMs(targetId))
    : (health.latencyMs(targetId) ?? health.ttftMs(targetId));
}

interface Scored {
  member: RouteMember;
  score: number;
}

/**
 * Fastest first, by `latencyScore`. Before them, targets due to be measured (never sampled or
 * stale) that nobody is measuring now; after them, unsampled targets being measured, then nested
 * routes, both in their listed order. Near-ties with the fastest are shuffled with `random`.
 */
export function orderByLatency(
  input: StrategyInput,
  members: readonly RouteMember[],
  { exploreAfterMs, spreadRatio }: LatencyOrderOptions,
): RouteMember[] {
  const { health, now } = input;
  const explore: RouteMember[] = [];
  const scored: Scored[] = [];
  const waiting: RouteMember[] = [];
  const routes: RouteMember[] = [];
  for (const member of members) {
    if (member.kind === 'route') {
      routes.push(member);
      continue;
    }
    const score = latencyScore(input, member.id);
    const sampledAt = health.sampledAt(member.id);
    const due = score === undefined || sampledAt === undefined || now - sampledAt >= exploreAfterMs;
    if (due && health.inFlight(member.id) === 0) explore.push(member);
    else if (score === undefined) waiting.push(member);
    else scored.push({ member, score });
  }
  // Stable: equal scores keep the listed order.
  scored.sort((a, b) => a.score - b.score);
  const best = scored[0]?.score;
  if (best !== undefined && spreadRatio > 1) {
    let group = 1;
    while (group < scored.length && (scored[group] as Scored).score <= best * spreadRatio) {
      group += 1;
    }
    shuffleFront(scored, group, input.random);
  }
  const ordered = explore;
  for (const entry of scored) ordered.push(entry.member);
  for (const member of waiting) ordered.push(member);
  for (const member of routes) ordered.push(member);
  return ordered;
}

/** Fisher-Yates over the first `count` entries. */
function shuffleFront<T>(entries: T[], count: number, random: () => number): void {
  for (let index = count - 1; index > 0; index -= 1) {
    const pick = Math.floor(random() * (index + 1));
    const held = entries[index] as T;
    entries[index] = entries[pick] as T;
    entries[pick] = held;
  }
}
