import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { sleep } from '../clock.js';
import { AllTargetsFailedError } from '../errors/all-targets-failed-error.js';
import type { ClassifiedError } from '../errors/error-class.js';
import { NoCapableTargetError } from '../errors/no-capable-target-error.js';
import type { ResolvedTarget } from '../options/resolved-options.js';
import type { ActiveAttempt, Execute } from './active-attempt.js';
import { fullJitterBackoffMs } from './backoff.js';
import { emitCallStart } from './call-events.js';
import { describeUnavailable, giveUpOf } from './give-up.js';
import { type AttemptOutcome, hedgeBudgetOf } from './hedge.js';
import { HedgingCall } from './hedging-call.js';
import { type PlannedCandidate, planCandidates } from './plan-candidates.js';

/**
 * One routed call: plans the candidates, runs attempts until one succeeds or the budget is
 * spent, and keeps the decision trace. The same loop serves generate, stream and embed; a
 * stream's `execute` resolves at its first content part, after which the stream body settles
 * the attempt through `succeed`/`interrupt`/`abandon`. The attempts' lifecycle and the call's
 * end live in `AttemptLifecycle`, the hedge race in `HedgingCall`.
 */
export class RoutedCall extends HedgingCall {
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
    const first = capable[0] as PlannedCandidate;
    if (hedge !== undefined || !this.takesAtOnce(first, now)) return this.loop(capable, execute);
    return this.runFirst(first, capable, execute, now);
  }

  /**
   * The first candidate can take the call now without anything to wait for or record: no hedge
   * (checked by the caller), no RPM/TPM limits to ask the store, healthy, within the deadline.
   * Anything else goes through the loop, which records why a candidate was passed over.
   */
  private takesAtOnce(first: PlannedCandidate, now: number): boolean {
    return (
      first.target.limits === undefined &&
      !this.deadlinePassed(now) &&
      this.runtime.health.unavailable(first.target.id, now) === undefined
    );
  }

  /**
   * The common call: the first attempt starts here, outside the loop, which runs only if it
   * fails, with the rest of the pass (one async frame less on almost every call; it measured
   * 3 us per generate call in `pnpm bench:ab`).
   */
  private runFirst<R>(
    first: PlannedCandidate,
    capable: PlannedCandidate[],
    execute: Execute<R>,
    now: number,
  ): Promise<{ value: R; attempt: ActiveAttempt }> {
    const active = this.begin(first, false, now);
    let started: PromiseLike<R>;
    try {
      started = execute(active);
    } catch (error) {
      started = Promise.reject(error);
    }
    return Promise.resolve(started).then(
      (value) => {
        this.delivered(active);
        return { value, attempt: active };
      },
      (error: unknown) => {
        const failed = this.attemptFailed(active, error);
        return this.loop(capable, execute, {
          pass: capable.slice(1),
          lastError: failed.error,
          retryLater: failed.retry ? [first] : undefined,
        });
      },
    );
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

  /**
   * Attempts on `capable` in passes until one delivers or the budget, the deadline or the retry
   * budget ends the call. `started`: what the first attempt, made by `runFirst`, left behind,
   * and the rest of its pass.
   */
  private async loop<R>(
    capable: PlannedCandidate[],
    execute: Execute<R>,
    started?: {
      pass: PlannedCandidate[];
      lastError: unknown;
      retryLater: PlannedCandidate[] | undefined;
    },
  ): Promise<{ value: R; attempt: ActiveAttempt }> {
    const { options, health } = this.runtime;
    const { clock } = options;
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.route.retry;
    const budget = this.runtime.retryBudget(this.route);
    // Never hedge a continuation: content has reached the caller already.
    const hedge = this.continuing ? undefined : this.route.hedge;
    let lastError: unknown = started?.lastError;
    let pass: PlannedCandidate[] = started?.pass ?? capable;
    let carried = started?.retryLater;
    let backoffs = 0;
    let deadlineExceeded = false;
    /** Why the retry budget stopped the call, once it has. */
    let budgetSpent: string | undefined;
    /** When the retry about to run was paid for (before its backoff, or just now). */
    let retryPaidAt: number | undefined;

    for (;;) {
      // Made when first needed: a call that succeeds at once needs none of them.
      let retryLater: PlannedCandidate[] | undefined = carried;
      carried = undefined;
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
