import { RouterConfigError } from '../errors/router-config-error.js';
import type { LatencySamples } from '../health/sample-window.js';
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
  /**
   * The chance that a call re-measures a target whose recent median is out of the fastest's
   * group but whose typical one is within it (a hiccup, not a slow deployment). 0: never (one
   * whose latest sample is back within the group is still re-measured at once).
   */
  exploreRate: number;
}

export const DEFAULT_EXPLORE_AFTER_MS = 30_000;
export const DEFAULT_SPREAD_RATIO = 1.1;
export const DEFAULT_EXPLORE_RATE = 0.1;
/** Samples in a target's score: its median ignores up to two slow outliers. */
export const RECENT_SAMPLES = 5;
/** Samples in a target's typical latency: what it usually does, against a burst of outliers. */
export const TYPICAL_SAMPLES = 25;

/** Defaults filled in and checked; `name` is the factory, for the error's path. */
export function latencyOrderSettings(
  name: string,
  options: Partial<LatencyOrderOptions>,
): LatencyOrderOptions {
  const settings = {
    exploreAfterMs: options.exploreAfterMs ?? DEFAULT_EXPLORE_AFTER_MS,
    spreadRatio: options.spreadRatio ?? DEFAULT_SPREAD_RATIO,
    exploreRate: options.exploreRate ?? DEFAULT_EXPLORE_RATE,
  };
  const issues: { path: string; message: string }[] = [];
  if (!(settings.exploreAfterMs >= 0)) {
    issues.push({
      path: `${name}.exploreAfterMs`,
      message: `must be a number of milliseconds >= 0 (got ${settings.exploreAfterMs}); the default is ${DEFAULT_EXPLORE_AFTER_MS}`,
    });
  }
  if (!(settings.spreadRatio >= 1) || !Number.isFinite(settings.spreadRatio)) {
    issues.push({
      path: `${name}.spreadRatio`,
      message: `must be a finite factor >= 1 (got ${settings.spreadRatio}); 1 turns sharing off, the default is ${DEFAULT_SPREAD_RATIO}`,
    });
  }
  if (!(settings.exploreRate >= 0 && settings.exploreRate <= 1)) {
    issues.push({
      path: `${name}.exploreRate`,
      message: `must be a probability from 0 to 1 (got ${settings.exploreRate}); 0 turns it off, the default is ${DEFAULT_EXPLORE_RATE}`,
    });
  }
  if (issues.length > 0) throw new RouterConfigError({ issues });
  return settings;
}

/**
 * The samples a call of this kind waits on: time to first token for a stream (falling back to
 * duration before the first stream sample), duration otherwise.
 */
function samplesOf(input: StrategyInput, targetId: string): LatencySamples | undefined {
  const { health, call } = input;
  return call.operation === 'stream'
    ? (health.ttftSamples(targetId) ?? health.latencySamples(targetId))
    : (health.latencySamples(targetId) ?? health.ttftSamples(targetId));
}

/**
 * A target's score: the median of its last `RECENT_SAMPLES` samples of the latency this call
 * waits on (a `HealthView` without samples: its EWMA).
 */
function scoreOf(
  input: StrategyInput,
  targetId: string,
  samples: LatencySamples | undefined,
): number | undefined {
  const recent = samples?.median(RECENT_SAMPLES);
  if (recent !== undefined) return recent;
  const { health, call } = input;
  return call.operation === 'stream'
    ? (health.ttftMs(targetId) ?? health.latencyMs(targetId))
    : (health.latencyMs(targetId) ?? health.ttftMs(targetId));
}

interface Scored {
  member: RouteMember;
  score: number;
  samples: LatencySamples | undefined;
}

/**
 * Fastest first, by `scoreOf`. Before them, targets due to be measured (never sampled or
 * stale) that nobody is measuring now; after them, unsampled targets being measured, then nested
 * routes, both in their listed order. Near-ties with the fastest are shuffled with `random`.
 * A target knocked out of the fastest's group by a hiccup is measured again (see `reexplore`).
 */
export function orderByLatency(
  input: StrategyInput,
  members: readonly RouteMember[],
  { exploreAfterMs, spreadRatio, exploreRate }: LatencyOrderOptions,
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
    const samples = samplesOf(input, member.id);
    const score = scoreOf(input, member.id, samples);
    const sampledAt = health.sampledAt(member.id);
    const due = score === undefined || sampledAt === undefined || now - sampledAt >= exploreAfterMs;
    if (due && health.inFlight(member.id) === 0) explore.push(member);
    else if (score === undefined) waiting.push(member);
    else scored.push({ member, score, samples });
  }
  // Stable: equal scores keep the listed order.
  scored.sort((a, b) => a.score - b.score);
  const best = scored[0]?.score;
  if (best !== undefined) {
    const groupLimit = best * Math.max(1, spreadRatio);
    let group = 1;
    while (group < scored.length && (scored[group] as Scored).score <= groupLimit) group += 1;
    if (spreadRatio > 1) shuffleFront(scored, group, input.random);
    if (group < scored.length) reexplore(input, scored, group, groupLimit, exploreRate);
  }
  const ordered = explore;
  for (const entry of scored) ordered.push(entry.member);
  for (const member of waiting) ordered.push(member);
  for (const member of routes) ordered.push(member);
  return ordered;
}

/**
 * Re-measures a target outside the fastest's group that may belong in it; at most one per call,
 * moved to the front, and only while none of its attempts runs (one call at a time, not a burst):
 * - at once if its latest sample is inside the group, until its median follows (a hiccup that
 *   passed, or a slow deployment that recovered, seen by its `exploreAfterMs` call);
 * - else with probability `exploreRate` if its typical latency (median of its last
 *   `TYPICAL_SAMPLES`) is inside the group: a hiccup, such as a GC pause or a stall that slowed
 *   every call in flight on it at once, knocked it out, and nothing else would measure it again
 *   before `exploreAfterMs`. A deployment that really slowed down costs about
 *   `TYPICAL_SAMPLES / 2` such calls before its typical latency leaves the group and this stops.
 * A target that is usually slower (a 3 s primary behind a hedge) is never re-measured here.
 */
function reexplore(
  input: StrategyInput,
  scored: Scored[],
  group: number,
  groupLimit: number,
  exploreRate: number,
): void {
  let hiccup = -1;
  for (let index = group; index < scored.length; index += 1) {
    const { member, samples } = scored[index] as Scored;
    if (samples === undefined) continue;
    const latest = samples.latest;
    if (latest !== undefined && latest <= groupLimit) {
      if (input.health.inFlight(member.id) > 0) continue;
      moveToFront(scored, index);
      return;
    }
    if (hiccup < 0 && (samples.median(TYPICAL_SAMPLES) as number) <= groupLimit) {
      if (input.health.inFlight(member.id) === 0) hiccup = index;
    }
  }
  if (hiccup >= 0 && exploreRate > 0 && input.random() < exploreRate) moveToFront(scored, hiccup);
}

function moveToFront<T>(entries: T[], index: number): void {
  const [picked] = entries.splice(index, 1);
  entries.unshift(picked as T);
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
