import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { sleep } from '../clock.js';
import { AllTargetsFailedError } from '../errors/all-targets-failed-error.js';
import type { ClassifiedError } from '../errors/error-class.js';
import { NoCapableTargetError } from '../errors/no-capable-target-error.js';
import type { ResolvedRoute, ResolvedTarget } from '../options/resolved-options.js';
import type { ActiveAttempt, Execute } from './active-attempt.js';
import { AttemptLifecycle } from './attempt-lifecycle.js';
import { fullJitterBackoffMs } from './backoff.js';
import { emitCallStart } from './call-events.js';
import { describeUnavailable, giveUpOf } from './give-up.js';
import { type AttemptOutcome, hedgeBudgetOf, hedgeDelayMs, raceWithHedge } from './hedge.js';
import { type PlannedCandidate, planCandidates } from './plan-candidates.js';
import { roundMs } from './round-ms.js';

/**
 * One routed call: plans the candidates, runs attempts until one succeeds or the budget is
 * spent, and keeps the decision trace. The same loop serves generate, stream and embed; a
 * stream's `execute` resolves at its first content part, after which the stream body settles
 * the attempt through `succeed`/`interrupt`/`abandon`. The attempts' lifecycle and the call's
 * end live in `AttemptLifecycle`.
 */
export class RoutedCall extends AttemptLifecycle {
  /** The capable candidates `run` planned, in order; a continuation picks from them. */
  private capable: PlannedCandidate[] = [];

  /**
   * Not async: an async wrapper around `loop`'s promise would cost the call two more microtask
   * turns. The one synchronous throw (no capable target) reaches callers that await it alike.
   */
  run<R>(execute: Execute<R>): Promise<{ value: R; attempt: ActiveAttempt }> {
    const { options, health } = this.runtime;
    const { clock } = options;
    if (this.runtime.events.has('call-start'))
      emitCallStart(this.runtime.events, this.trace, this.content);
    const now = clock.now();
    const { candidates, capable } = planCandidates(options, this.route, this.facts, health, now);
    this.trace.candidates = candidates;
    if (capable.length === 0) this.fail(new NoCapableTargetError({ trace: this.trace }));

    this.capable = capable;
    const budget = this.runtime.retryBudget(this.route);
    budget?.recordCall(now);
    const hedge = this.route.hedge;
    if (hedge) hedgeBudgetOf(this.route, hedge).recordCall(now);
    return this.loop(capable, execute);
  }

  /**
   * Continues a stream that broke after content on the planned candidates that `accept` allows
   * (never the broken target), once the broken attempt is settled: each attempt is marked with
   * where it joins the caller's text. A failure ends the call as interrupted. Undefined when no
   * candidate or attempt is left (nothing is settled then).
   */
  resume<R>(
    execute: Execute<R>,
    {
      broken,
      classified,
      usage,
      atChar,
      accept,
    }: {
      broken: ActiveAttempt;
      classified: ClassifiedError;
      usage: LanguageModelV4Usage | undefined;
      atChar: number;
      accept: (target: ResolvedTarget) => boolean;
    },
  ): Promise<{ value: R; attempt: ActiveAttempt }> | undefined {
    const pass = this.capable.filter(
      (candidate) => candidate.target !== broken.target && accept(candidate.target),
    );
    if (pass.length === 0 || this.trace.attempts.length >= this.route.retry.maxAttempts)
      return undefined;
    this.settleForContinuation(broken, classified, usage);
    this.continuing = { attempt: broken.record.attempt, atChar, target: broken.target.id };
    return this.loop(pass, execute);
  }

  private async loop<R>(
    capable: PlannedCandidate[],
    execute: Execute<R>,
  ): Promise<{ value: R; attempt: ActiveAttempt }> {
    const { options, health } = this.runtime;
    const { clock } = options;
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.route.retry;
    const budget = this.runtime.retryBudget(this.route);
    // Never hedge a continuation: content has reached the caller already.
    const hedge = this.continuing ? undefined : this.route.hedge;
    let lastError: unknown;
    let pass: PlannedCandidate[] = capable;
    let backoffs = 0;
    let deadlineExceeded = false;
    /** Why the retry budget stopped the call, once it has. */
    let budgetSpent: string | undefined;
    /** When the retry about to run was paid for (before its backoff, or just now). */
    let retryPaidAt: number | undefined;

    for (;;) {
      // Made when first needed: a call that succeeds at once needs none of them.
      let retryLater: PlannedCandidate[] | undefined;
      let unhealthy: PlannedCandidate[] | undefined;
      // Candidates a hedge has already tried in this pass.
      const hedged = hedge ? new Set<PlannedCandidate>() : undefined;
      for (const candidate of pass) {
        if (hedged?.has(candidate)) continue;
        if (this.trace.attempts.length >= maxAttempts) break;
        const now = clock.now();
        if (this.deadlinePassed(now)) {
          deadlineExceeded = true;
          break;
        }
        const unavailable = health.unavailable(candidate.target.id, now);
        if (unavailable) {
          candidate.trace.skipped ??= {
            code: unavailable.reason,
            message: describeUnavailable(unavailable, now),
            until: unavailable.until,
          };
          unhealthy = appended(unhealthy, candidate);
          continue;
        }
        const limitCheck = this.runtime.limits.checkTarget(candidate.target, this.facts, now);
        const limited = limitCheck && (await limitCheck);
        if (limited) {
          candidate.trace.skipped ??= limited;
          continue;
        }
        if (retryPaidAt === undefined && budget && this.isRetry()) {
          retryPaidAt = budget.tryRetry(now);
          if (retryPaidAt === undefined) {
            budgetSpent = budget.describe(now);
            break;
          }
        }
        const paidAt = retryPaidAt;
        retryPaidAt = undefined;
        if (hedged && this.trace.operation !== 'embed' && this.trace.hedge === undefined) {
          const raced = await this.raceWithHedge(candidate, pass, hedged, execute, now);
          if (raced.ok) {
            if (paidAt !== undefined) budget?.refund(paidAt);
            return raced.ok;
          }
          for (const failure of raced.failures) {
            lastError = failure.error;
            if (failure.retry) retryLater = appended(retryLater, failure.candidate);
          }
          continue;
        }
        // The attempt runs here rather than in `launch` (the hedge's way): one async frame less
        // and no outcome objects on the path of almost every call.
        const active = this.begin(candidate, false, now);
        let value: R;
        try {
          value = await execute(active);
        } catch (error) {
          const failed = this.attemptFailed(active, error);
          lastError = failed.error;
          if (failed.retry) retryLater = appended(retryLater, candidate);
          continue;
        }
        this.delivered(active);
        if (paidAt !== undefined) budget?.refund(paidAt);
        return { value, attempt: active };
      }
      if (this.trace.attempts.length === 0 && unhealthy && !deadlineExceeded) {
        // Every usable candidate is unhealthy: rather than answer with errors only, try the one
        // that recovers soonest (Envoy's panic mode). The trace says so.
        const soonest = health.soonestRecovery(
          unhealthy.map((candidate) => candidate.target.id),
          clock.now(),
        );
        const candidate =
          unhealthy.find((entry) => entry.target.id === soonest?.targetId) ?? unhealthy[0];
        if (candidate) {
          this.trace.panic = true;
          const outcome = await this.attempt(candidate, execute, true, clock.now());
          if (outcome.ok) return outcome.ok;
          lastError = outcome.error;
        }
      }
      const remaining = this.trace.attempts.length < maxAttempts;
      if (deadlineExceeded || budgetSpent || retryLater === undefined || !remaining) break;
      // Pay for the retry before waiting for it: no backoff for a retry the budget refuses.
      if (budget) {
        retryPaidAt = budget.tryRetry(clock.now());
        if (retryPaidAt === undefined) {
          budgetSpent = budget.describe(clock.now());
          break;
        }
      }
      const backoffMs = Math.round(
        fullJitterBackoffMs({
          attempt: backoffs,
          baseMs: backoffBaseMs,
          maxMs: backoffMaxMs,
          random: options.random,
        }),
      );
      backoffs += 1;
      const last = this.trace.attempts.at(-1);
      if (last) {
        last.next = 'retry-after-backoff';
        last.backoffMs = backoffMs;
      }
      const untilDeadline =
        this.deadlineAt === undefined ? backoffMs : this.deadlineAt - clock.now();
      if (untilDeadline < backoffMs) {
        deadlineExceeded = true;
        break;
      }
      try {
        await sleep(clock, backoffMs, this.callerSignal);
      } catch {
        this.abortTrace();
      }
      pass = retryLater;
    }
    const last = this.trace.attempts.at(-1);
    this.trace.outcome = this.continuing ? 'interrupted' : 'failed';
    if (this.continuing) this.trace.target = this.continuing.target;
    const now = clock.now();
    const limited = this.runtime.limits.allLimited(this.trace, now);
    if (limited) this.fail(limited);
    // The deadline may have cut the last attempt the budget allowed: it, not the budget, ended
    // the call, and the error must say so.
    if (this.deadlinePassed(now)) deadlineExceeded = true;
    if (last && last.next !== 'stop') {
      last.next = 'give-up';
      last.giveUp = giveUpOf({
        deadlineExceeded,
        budgetSpent,
        attempts: this.trace.attempts.length,
        maxAttempts,
      });
    }
    const recovery = health.soonestRecovery(
      capable.map((candidate) => candidate.target.id),
      now,
    );
    this.fail(
      new AllTargetsFailedError({
        trace: this.trace,
        lastError,
        retryAfterMs: recovery ? Math.max(0, recovery.until - now) : undefined,
        deadlineExceeded,
        retryBudgetSpent: budgetSpent,
      }),
    );
  }

  private attempt<R>(
    candidate: PlannedCandidate,
    execute: Execute<R>,
    panic: boolean,
    startedAt: number,
  ): Promise<AttemptOutcome<R>> {
    return this.launch(candidate, execute, panic, startedAt).outcome;
  }

  /**
   * The attempt on `candidate` with a hedge: if it has not delivered after the route's
   * `hedge.afterMs`, the next healthy candidate starts beside it (budget allowing), and the
   * first to deliver wins; the other is cancelled and recorded. One hedge per call.
   */
  private async raceWithHedge<R>(
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

  /**
   * The next attempt would be a retry the budget pays for: any attempt after the first, unless
   * the last one only showed its target unfit for the call (context length, content policy).
   */
  private isRetry(): boolean {
    const last = this.trace.attempts.at(-1);
    return last !== undefined && last.errorClass !== 'fallback-only';
  }
}

/** `list` with `item` pushed; a new list when there was none. */
function appended<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}
