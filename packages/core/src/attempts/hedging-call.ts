import type { ResolvedRoute } from '../options/resolved-options.js';
import type { ActiveAttempt, Execute } from './active-attempt.js';
import { AttemptLifecycle } from './attempt-lifecycle.js';
import { hedgeBudgetOf, hedgeDelayMs, raceWithHedge } from './hedge.js';
import type { PlannedCandidate } from './plan-candidates.js';
import { roundMs } from './round-ms.js';

/**
 * A routed call's hedge race, on top of the attempts' lifecycle: an attempt that has not
 * delivered after the route's `hedge.afterMs` gets a second one beside it on the next healthy
 * candidate. `RoutedCall` adds the attempt loop that decides when to race.
 */
export abstract class HedgingCall extends AttemptLifecycle {
  /**
   * The attempt on `candidate` with a hedge: if it has not delivered after the route's
   * `hedge.afterMs`, the next healthy candidate starts beside it (budget allowing), and the
   * first to deliver wins; the other is cancelled and recorded. One hedge per call.
   */
  protected async raceWithHedge<R>(
    candidate: PlannedCandidate,
    pass: readonly PlannedCandidate[],
    hedged: Set<PlannedCandidate>,
    execute: Execute<R>,
    startedAt: number,
  ): Promise<{
    ok?: { value: R; attempt: ActiveAttempt };
    failures: { candidate: PlannedCandidate; error: unknown; retry: boolean }[];
  }> {
    const { options, health } = this.runtime;
    const { clock } = options;
    const policy = this.route.hedge as NonNullable<ResolvedRoute['hedge']>;
    const first = this.launch(candidate, execute, false, startedAt);
    const delayMs = hedgeDelayMs(policy, health, candidate.target.id, this.trace.operation);
    const byActive = new Map<ActiveAttempt, PlannedCandidate>([[first.active, candidate]]);
    this.racing = [first.active];
    try {
      const result = await raceWithHedge({
        first,
        delayMs,
        clock,
        startHedge: async (firstPending) => {
          const next = await this.hedgeCandidate(candidate, pass, hedged);
          if (next === undefined || !firstPending()) return undefined;
          const now = clock.now();
          if (!hedgeBudgetOf(this.route, policy).tryTake(now)) return undefined;
          hedged.add(next);
          const launched = this.launch(next, execute, false, now, true);
          byActive.set(launched.active, next);
          this.racing.push(launched.active);
          this.trace.hedge = { afterMs: roundMs(delayMs), target: next.target.id };
          return launched;
        },
        cancel: (active, winner) => this.cancel(active, winner),
      });
      if (result.ok && this.trace.hedge && result.hedge)
        this.trace.hedge.winner = result.ok.attempt.target.id;
      return {
        ...(result.ok ? { ok: result.ok } : {}),
        failures: result.failures.map((failure) => ({
          candidate: byActive.get(failure.launched.active) as PlannedCandidate,
          error: failure.error,
          retry: failure.retry,
        })),
      };
    } finally {
      this.racing = [];
    }
  }

  /** The next candidate after `candidate` that may take a hedge now: healthy and under its limits. */
  private async hedgeCandidate(
    candidate: PlannedCandidate,
    pass: readonly PlannedCandidate[],
    hedged: ReadonlySet<PlannedCandidate>,
  ): Promise<PlannedCandidate | undefined> {
    const { clock } = this.runtime.options;
    const now = clock.now();
    if (this.trace.attempts.length >= this.route.retry.maxAttempts) return undefined;
    if (this.deadlinePassed(now)) return undefined;
    for (let index = pass.indexOf(candidate) + 1; index < pass.length; index += 1) {
      const next = pass[index] as PlannedCandidate;
      if (hedged.has(next) || next.target.id === candidate.target.id) continue;
      if (this.runtime.health.unavailable(next.target.id, now) !== undefined) continue;
      const limitCheck = this.runtime.limits.checkTarget(next.target, this.facts, now);
      if (limitCheck && (await limitCheck)) continue;
      return next;
    }
    return undefined;
  }
}
