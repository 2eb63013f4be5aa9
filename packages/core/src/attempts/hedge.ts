import type { Clock } from '../clock.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { HealthView } from '../strategies/strategy.js';
import type { ActiveAttempt } from './active-attempt.js';
import { createHedgeBudget, type HedgeBudget } from './hedge-budget.js';

/** How one attempt ended: delivered (a stream: its first content), or failed. */
export type AttemptOutcome<R> =
  | { ok: { value: R; attempt: ActiveAttempt }; error?: never; retry?: never }
  | { ok?: never; error: unknown; retry: boolean };

/** An attempt that has started, and the promise of how it ends. */
export interface Launched<R> {
  active: ActiveAttempt;
  outcome: Promise<AttemptOutcome<R>>;
}

export interface HedgeRace<R> {
  first: Launched<R>;
  /** How long the first attempt may go without content before the hedge starts. */
  delayMs: number;
  clock: Clock;
  /**
   * Starts the hedge, or resolves undefined when none may start (budget, candidates, attempts,
   * deadline). It may wait (a store-backed limit check): `firstPending` says whether the first
   * attempt is still without an outcome, checked just before starting.
   */
  startHedge(firstPending: () => boolean): Promise<Launched<R> | undefined>;
  /**
   * Ends an attempt that is still running: `winner` delivered first, or (undefined) the call
   * ended another way. Must settle the attempt at once and abort its upstream request.
   */
  cancel(attempt: ActiveAttempt, winner: ActiveAttempt | undefined): void;
}

export interface HedgeRaceResult<R> {
  ok?: { value: R; attempt: ActiveAttempt };
  /** The attempts that failed, in the order they failed. */
  failures: { launched: Launched<R>; error: unknown; retry: boolean }[];
  /** The hedge, if one started. */
  hedge?: Launched<R>;
}

/**
 * Runs the first attempt; if it has not delivered after `delayMs`, starts a hedge beside it.
 * Whichever delivers first wins and the other is cancelled at once (its socket closes). A
 * failure does not end the race while the other attempt runs. A throw (the caller aborted, or
 * rejected the request) cancels whatever still runs and propagates.
 */
export async function raceWithHedge<R>(race: HedgeRace<R>): Promise<HedgeRaceResult<R>> {
  const { first, clock } = race;
  const result: HedgeRaceResult<R> = { failures: [] };
  let handle: unknown;
  const due = new Promise<undefined>((resolve) => {
    handle = clock.setTimeout(() => resolve(undefined), Math.max(0, race.delayMs));
  });
  const running: Launched<R>[] = [first];
  let firstPending = true;
  void settleOf(first).then(
    () => {
      firstPending = false;
    },
    () => {
      firstPending = false;
    },
  );
  try {
    const early = await Promise.race([settleOf(first), due]);
    if (early === undefined) {
      const hedge = await race.startHedge(() => firstPending);
      if (hedge) {
        result.hedge = hedge;
        running.push(hedge);
      }
    } else {
      running.length = 0;
      settle(result, early);
      return result;
    }
    while (running.length > 0) {
      const settled = await Promise.race(running.map(settleOf));
      running.splice(running.indexOf(settled.launched), 1);
      settle(result, settled);
      if (result.ok) {
        for (const other of running.splice(0)) race.cancel(other.active, settled.launched.active);
        return result;
      }
    }
    return result;
  } catch (error) {
    for (const other of running) race.cancel(other.active, undefined);
    throw error;
  } finally {
    clock.clearTimeout(handle);
    // A cancelled attempt settles on its own later; nobody may be left to an unhandled rejection.
    for (const launched of [first, result.hedge]) launched?.outcome.catch(() => {});
  }
}

interface Settled<R> {
  launched: Launched<R>;
  outcome: AttemptOutcome<R>;
}

const settledOf = new WeakMap<Launched<unknown>, Promise<Settled<unknown>>>();

/** The outcome tagged with its attempt; one promise per attempt, however often raced. */
function settleOf<R>(launched: Launched<R>): Promise<Settled<R>> {
  let settled = settledOf.get(launched as Launched<unknown>);
  if (settled === undefined) {
    settled = launched.outcome.then((outcome) => ({ launched, outcome })) as Promise<
      Settled<unknown>
    >;
    settledOf.set(launched as Launched<unknown>, settled);
  }
  return settled as Promise<Settled<R>>;
}

function settle<R>(result: HedgeRaceResult<R>, { launched, outcome }: Settled<R>): void {
  if (outcome.ok) result.ok = outcome.ok;
  else result.failures.push({ launched, error: outcome.error, retry: outcome.retry });
}

/** The wait before hedging an attempt on `targetId`. */
export function hedgeDelayMs(
  policy: HedgePolicy,
  health: HealthView,
  targetId: string,
  operation: 'generate' | 'stream' | 'embed',
): number {
  if (policy.afterMs !== 'p95') return policy.afterMs;
  const p95 = operation === 'stream' ? health.ttftP95Ms(targetId) : health.latencyP95Ms(targetId);
  return p95 ?? policy.fallbackMs;
}

/** A route's resolved `hedge` option. */
export interface HedgePolicy {
  afterMs: number | 'p95';
  fallbackMs: number;
  maxExtraRatio: number;
  windowMs: number;
}

const budgets = new WeakMap<ResolvedRoute, HedgeBudget>();

/** The route's hedge budget: live state, one per route of a router. */
export function hedgeBudgetOf(route: ResolvedRoute, policy: HedgePolicy): HedgeBudget {
  let budget = budgets.get(route);
  if (budget === undefined) {
    budget = createHedgeBudget(policy);
    budgets.set(route, budget);
  }
  return budget;
}
