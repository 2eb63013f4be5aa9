import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { CallFacts } from '../capabilities/call-facts.js';
import { sleep } from '../clock.js';
import { costOfUsage } from '../cost/usage-cost.js';
import { AllTargetsFailedError } from '../errors/all-targets-failed-error.js';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';
import { classifyError } from '../errors/classify-error.js';
import type { ClassifiedError } from '../errors/error-class.js';
import { NoCapableTargetError } from '../errors/no-capable-target-error.js';
import { RequestRejectedError } from '../errors/request-rejected-error.js';
import type { AttemptTicket } from '../health/health-registry.js';
import type { CallAdmission } from '../limits/router-limits.js';
import type { ResolvedRoute, ResolvedTarget } from '../options/resolved-options.js';
import type { DecisionTrace, GiveUp, TraceAttempt } from '../trace/decision-trace.js';
import type { AttemptStartEvent, CallStartEvent } from '../trace/router-events.js';
import { AttemptTimer } from './attempt-timer.js';
import { fullJitterBackoffMs } from './backoff.js';
import {
  type AttemptOutcome,
  hedgeBudgetOf,
  hedgeDelayMs,
  type Launched,
  raceWithHedge,
} from './hedge.js';
import { type PlannedCandidate, planCandidates } from './plan-candidates.js';
import type { RouterRuntime } from './router-runtime.js';

/** An attempt that is running or has delivered; streams keep it open past `run()`. */
export interface ActiveAttempt {
  target: ResolvedTarget;
  record: TraceAttempt;
  ticket: AttemptTicket;
  controller: AbortController;
  timer: AttemptTimer;
  startedAt: number;
  detach: () => void;
  /** Settled without delivering (failed or cancelled): a hedge race may not cancel it again. */
  ended: boolean;
}

export type Execute<R> = (attempt: ActiveAttempt) => PromiseLike<R>;

/**
 * One routed call: plans the candidates, runs attempts until one succeeds or the budget is
 * spent, and keeps the decision trace. The same loop serves generate, stream and embed; a
 * stream's `execute` resolves at its first content part, after which the stream body settles
 * the attempt through `succeed`/`interrupt`/`abandon`.
 */
export class RoutedCall {
  readonly trace: DecisionTrace;
  private readonly startedAt: number;
  readonly deadlineAt: number | undefined;
  /** What the call reserved under its key/user/tenant limits; settled when it ends. */
  admission: CallAdmission | undefined;
  private finished = false;
  /** The prompt or values, set by the model only under `telemetry.recordContent`. */
  content: unknown;
  /** The capable candidates `run` planned, in order; a continuation picks from them. */
  private capable: PlannedCandidate[] = [];
  /** Set once a broken stream is being continued: the attempts from here on continue it. */
  private continuing: { attempt: number; atChar: number; target: string } | undefined;
  /** The deadline timer cut an attempt. Node timers may fire up to 1 ms before the clock agrees. */
  private deadlineFired = false;
  /** The attempts of a hedge race while it runs: a call that ends mid-race cancels them first. */
  private racing: ActiveAttempt[] = [];

  constructor(
    private readonly runtime: RouterRuntime,
    private readonly route: ResolvedRoute,
    operation: DecisionTrace['operation'],
    private readonly facts: CallFacts,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.startedAt = runtime.options.clock.now();
    const deadlineMs = route.timeouts.deadlineMs;
    this.deadlineAt = deadlineMs === undefined ? undefined : this.startedAt + deadlineMs;
    this.trace = {
      callId: runtime.nextCallId(),
      route: route.name,
      operation,
      strategy: route.strategy.name,
      startedAt: Date.now(),
      durationMs: 0,
      outcome: 'failed',
      candidates: [],
      attempts: [],
    };
    if (hasKeys(facts.metadata)) this.trace.metadata = { ...facts.metadata };
  }

  async run<R>(execute: Execute<R>): Promise<{ value: R; attempt: ActiveAttempt }> {
    const { options, health } = this.runtime;
    const { clock } = options;
    if (this.runtime.events.has('call-start')) this.emitCallStart();
    const { candidates, capable } = planCandidates(options, this.route, this.facts, health);
    this.trace.candidates = candidates;
    if (capable.length === 0) this.fail(new NoCapableTargetError({ trace: this.trace }));

    this.capable = capable;
    const budget = this.runtime.retryBudget(this.route);
    budget?.recordCall(clock.now());
    const hedge = this.route.hedge;
    if (hedge) hedgeBudgetOf(this.route, hedge).recordCall(clock.now());
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
      const retryLater: PlannedCandidate[] = [];
      const unhealthy: PlannedCandidate[] = [];
      // Candidates a hedge has already tried in this pass.
      const hedged = new Set<PlannedCandidate>();
      for (const candidate of pass) {
        if (hedged.has(candidate)) continue;
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
          unhealthy.push(candidate);
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
        if (hedge && this.trace.operation !== 'embed' && this.trace.hedge === undefined) {
          const raced = await this.raceWithHedge(candidate, pass, hedged, execute, now);
          if (raced.ok) {
            if (paidAt !== undefined) budget?.refund(paidAt);
            return raced.ok;
          }
          for (const failure of raced.failures) {
            lastError = failure.error;
            if (failure.retry) retryLater.push(failure.candidate);
          }
          continue;
        }
        const outcome = await this.attempt(candidate, execute, false, now);
        if (outcome.ok) {
          if (paidAt !== undefined) budget?.refund(paidAt);
          return outcome.ok;
        }
        lastError = outcome.error;
        if (outcome.retry) retryLater.push(candidate);
      }
      if (this.trace.attempts.length === 0 && unhealthy.length > 0 && !deadlineExceeded) {
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
      if (deadlineExceeded || budgetSpent || retryLater.length === 0 || !remaining) break;
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
          this.trace.hedge = { afterMs: round(delayMs), target: next.target.id };
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
   * Ends a running attempt that will not be used: the other attempt of a hedge delivered first
   * (`winner`), or the call ended. Settled at once, so the trace and the health count it before
   * the call finishes; its request is aborted, closing the upstream socket. A hedge's loser
   * counts as a lower-bound latency sample (it waited this long without content), so the
   * strategies stop putting a slow target first. Its cost is estimated from the prompt's tokens:
   * providers bill the input of a request they have started on.
   */
  private cancel(active: ActiveAttempt, winner: ActiveAttempt | undefined): void {
    if (active.ended) return;
    active.ended = true;
    active.timer.clear();
    active.detach();
    const now = this.runtime.options.clock.now();
    const elapsedMs = now - active.startedAt;
    const { record, target } = active;
    record.outcome = 'aborted';
    record.errorClass = 'aborted';
    record.reason = 'aborted';
    record.message = winner
      ? `cancelled: '${winner.target.id}' delivered first`
      : 'cancelled: the call ended';
    if (winner) record.hedgeLost = true;
    record.durationMs = round(elapsedMs);
    if (this.trace.operation !== 'embed') {
      const inputTokens = this.facts.estimatedInputTokens();
      record.usage = { inputTokens, outputTokens: 0 };
      record.usageEstimated = true;
      const cost = costOfUsage(target.price, {
        inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 0, text: 0, reasoning: 0 },
      });
      if (cost !== undefined) record.costUsd = cost;
    }
    this.runtime.health.end(
      active.ticket,
      now,
      winner
        ? { outcome: 'neutral', ttftMs: elapsedMs, durationMs: elapsedMs, cutShort: true }
        : { outcome: 'neutral' },
    );
    this.runtime.stats.attemptEnded(this.route.name, record);
    this.emitAttempt(record);
    active.controller.abort(new DOMException(record.message, 'AbortError'));
  }

  /** Starts an attempt; `outcome` settles when it delivers or fails. */
  private launch<R>(
    candidate: PlannedCandidate,
    execute: Execute<R>,
    panic: boolean,
    startedAt: number,
    hedge = false,
  ): Launched<R> {
    const { clock } = this.runtime.options;
    const { target } = candidate;
    const record: TraceAttempt = {
      attempt: this.trace.attempts.length + 1,
      target: target.id,
      provider: target.provider,
      model: target.modelId,
      outcome: 'success',
      durationMs: 0,
    };
    if (panic) record.panic = true;
    if (hedge) record.hedge = true;
    if (this.continuing)
      record.continues = { attempt: this.continuing.attempt, atChar: this.continuing.atChar };
    this.trace.attempts.push(record);
    const ticket = this.runtime.health.begin(target.id, startedAt, panic);
    if (ticket.probe) record.probe = true;
    if (this.runtime.events.has('attempt-start')) this.emitAttemptStart(record);
    const controller = new AbortController();
    const timer = new AttemptTimer(clock, controller);
    const signal = this.callerSignal;
    const onCallerAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    else signal?.addEventListener('abort', onCallerAbort, { once: true });
    const detach = () => signal?.removeEventListener('abort', onCallerAbort);
    // A key the target sets wins, even when it is undefined (the user's Infinity: no limit).
    const own = target.timeouts;
    const routeTimeouts = this.route.timeouts;
    const attemptMs = 'attemptMs' in own ? own.attemptMs : routeTimeouts.attemptMs;
    const firstChunkMs = 'firstChunkMs' in own ? own.firstChunkMs : routeTimeouts.firstChunkMs;
    timer.armAttempt(
      attemptMs,
      this.trace.operation === 'stream' ? firstChunkMs : undefined,
      this.deadlineAt === undefined ? undefined : this.deadlineAt - startedAt,
    );
    const active: ActiveAttempt = {
      target,
      record,
      ticket,
      controller,
      timer,
      startedAt,
      detach,
      ended: false,
    };
    return { active, outcome: this.settleAttempt(active, execute) };
  }

  private async settleAttempt<R>(
    active: ActiveAttempt,
    execute: Execute<R>,
  ): Promise<AttemptOutcome<R>> {
    const { record, target, controller, timer, detach } = active;
    const signal = this.callerSignal;
    try {
      const value = await execute(active);
      if (this.trace.operation !== 'stream') timer.clear();
      return { ok: { value, attempt: active } };
    } catch (error) {
      // Cancelled (a hedge lost, or the call ended): already settled and recorded.
      if (active.ended) return { error, retry: false };
      active.ended = true;
      timer.clear();
      detach();
      const reason: unknown = controller.signal.reason;
      if (reason instanceof AttemptTimeoutError && reason.timer === 'deadline')
        this.deadlineFired = true;
      const classified = classifyError(
        controller.signal.aborted && !signal?.aborted ? controller.signal.reason : error,
        {
          callerAborted: signal?.aborted === true,
        },
      );
      const stops = classified.errorClass === 'aborted' || classified.errorClass === 'caller-error';
      // Set before settling so the attempt-end event carries it; a 'fail-over' may become
      // 'retry-after-backoff' or 'give-up' in the trace once the pass is over.
      record.next = stops ? 'stop' : 'fail-over';
      this.settleFailure(active, classified);
      if (classified.errorClass === 'aborted') this.abortTrace();
      if (classified.errorClass === 'caller-error') {
        this.trace.outcome = this.continuing ? 'interrupted' : 'rejected';
        this.fail(
          new RequestRejectedError({
            trace: this.trace,
            target: target.id,
            status: classified.status,
            reason: classified.reason,
            cause: error,
          }),
        );
      }
      return { error, retry: classified.errorClass === 'retryable-transient' };
    }
  }

  /** Records a failed attempt on the trace, the target's health and the stats. */
  settleFailure(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage?: LanguageModelV4Usage,
  ): void {
    const { clock } = this.runtime.options;
    const now = clock.now();
    const { record, target } = active;
    record.outcome = classified.errorClass === 'aborted' ? 'aborted' : 'error';
    record.errorClass = classified.errorClass;
    record.reason = classified.reason;
    if (classified.status !== undefined) record.status = classified.status;
    record.message = classified.message;
    record.durationMs = round(now - active.startedAt);
    if (usage) this.recordUsage(record, target, usage);
    const countsAgainstTarget = classified.errorClass === 'retryable-transient';
    this.runtime.health.end(active.ticket, now, {
      outcome: countsAgainstTarget ? 'failure' : 'neutral',
    });
    if (classified.errorClass === 'rate-limited') {
      this.runtime.health.coolDown(target.id, now, classified.retryAfterMs);
    }
    this.runtime.stats.attemptEnded(this.route.name, record);
    this.emitAttempt(record);
  }

  /** The attempt delivered: settle it and finish the call as a success. */
  succeed(active: ActiveAttempt, usage: LanguageModelV4Usage | undefined, ttftMs?: number): void {
    const now = this.runtime.options.clock.now();
    active.timer.clear();
    active.detach();
    const { record, target } = active;
    record.durationMs = round(now - active.startedAt);
    if (ttftMs !== undefined) record.ttftMs = round(ttftMs);
    if (usage) this.recordUsage(record, target, usage);
    const result: { outcome: 'success'; durationMs: number; ttftMs?: number } = {
      outcome: 'success',
      durationMs: record.durationMs,
    };
    if (ttftMs !== undefined) result.ttftMs = ttftMs;
    this.runtime.health.end(active.ticket, now, result);
    this.runtime.stats.attemptEnded(this.route.name, record);
    this.emitAttempt(record);
    this.trace.outcome = 'success';
    this.trace.target = target.id;
    this.finish(now);
  }

  /** A stream broke after content reached the caller and another target will continue it. */
  private settleForContinuation(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage?: LanguageModelV4Usage,
  ): void {
    active.timer.clear();
    active.detach();
    active.record.next = 'continue';
    this.settleFailure(active, classified, usage);
  }

  /** A stream broke after content reached the caller: the call ends as interrupted. */
  interrupt(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage?: LanguageModelV4Usage,
  ): void {
    active.timer.clear();
    active.detach();
    active.record.next = 'stop';
    this.settleFailure(active, classified, usage);
    this.trace.outcome = classified.errorClass === 'aborted' ? 'aborted' : 'interrupted';
    this.trace.target = active.target.id;
    this.finish();
  }

  private recordUsage(
    record: TraceAttempt,
    target: ResolvedTarget,
    usage: LanguageModelV4Usage,
  ): void {
    record.usage = { inputTokens: usage.inputTokens.total, outputTokens: usage.outputTokens.total };
    const cost = costOfUsage(target.price, usage);
    if (cost !== undefined) record.costUsd = cost;
  }

  /**
   * The next attempt would be a retry the budget pays for: any attempt after the first, unless
   * the last one only showed its target unfit for the call (context length, content policy).
   */
  private isRetry(): boolean {
    const last = this.trace.attempts.at(-1);
    return last !== undefined && last.errorClass !== 'fallback-only';
  }

  private deadlinePassed(now: number): boolean {
    return this.deadlineFired || (this.deadlineAt !== undefined && now >= this.deadlineAt);
  }

  private emitCallStart(): void {
    const { callId, route, operation, strategy, startedAt } = this.trace;
    const event: CallStartEvent = { callId, route, operation, strategy, startedAt };
    if (this.content !== undefined) event.content = this.content;
    this.runtime.events.emit('call-start', event);
  }

  private emitAttemptStart(record: TraceAttempt): void {
    const { attempt, target, provider, model, probe, panic } = record;
    const { callId } = this.trace;
    const route = this.route.name;
    const event: AttemptStartEvent = { callId, route, attempt, target, provider, model };
    if (probe) event.probe = true;
    if (panic) event.panic = true;
    this.runtime.events.emit('attempt-start', event);
  }

  private emitAttempt(record: TraceAttempt): void {
    const { events } = this.runtime;
    if (events.has('attempt-end'))
      events.emit('attempt-end', { ...record, callId: this.trace.callId, route: this.route.name });
  }

  private abortTrace(): never {
    this.cancelRacing();
    this.trace.outcome = 'aborted';
    this.finish();
    throw this.callerSignal?.reason ?? new DOMException('The call was aborted.', 'AbortError');
  }

  private fail(error: Error): never {
    this.cancelRacing();
    this.finish();
    throw error;
  }

  /** A hedge race's attempts still running when the call ends another way. */
  private cancelRacing(): void {
    for (const active of this.racing) this.cancel(active, undefined);
  }

  /** Totals, duration and the decision event; runs once per call. */
  private finish(now = this.runtime.options.clock.now()): void {
    if (this.finished) return;
    this.finished = true;
    const trace = this.trace;
    trace.durationMs = round(now - this.startedAt);
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    let costUsd: number | undefined;
    for (const attempt of trace.attempts) {
      if (attempt.usage?.inputTokens !== undefined)
        inputTokens = (inputTokens ?? 0) + attempt.usage.inputTokens;
      if (attempt.usage?.outputTokens !== undefined)
        outputTokens = (outputTokens ?? 0) + attempt.usage.outputTokens;
      if (attempt.costUsd !== undefined) costUsd = (costUsd ?? 0) + attempt.costUsd;
    }
    if (inputTokens !== undefined || outputTokens !== undefined)
      trace.usage = { inputTokens, outputTokens };
    if (costUsd !== undefined) trace.costUsd = costUsd;
    this.runtime.limits.callEnded(trace, this.admission);
    this.runtime.stats.callEnded(trace);
    this.runtime.decided(trace);
  }
}

function giveUpOf({
  deadlineExceeded,
  budgetSpent,
  attempts,
  maxAttempts,
}: {
  deadlineExceeded: boolean;
  budgetSpent: string | undefined;
  attempts: number;
  maxAttempts: number;
}): GiveUp {
  if (deadlineExceeded) return { reason: 'deadline', message: 'the call deadline passed' };
  if (budgetSpent) return { reason: 'retry-budget', message: budgetSpent };
  if (attempts >= maxAttempts)
    return { reason: 'max-attempts', message: `retry.maxAttempts (${maxAttempts}) reached` };
  return { reason: 'no-candidates', message: 'no candidate left that may be tried again' };
}

function describeUnavailable(unavailable: { reason: string; until: number }, now: number): string {
  const seconds = Math.max(0, Math.ceil((unavailable.until - now) / 1000));
  if (unavailable.reason === 'cooling-down') return `rate limited; cooling down for ${seconds} s`;
  if (unavailable.reason === 'half-open-busy') return 'breaker half-open; its probe is in flight';
  return `breaker open for ${seconds} s`;
}

function hasKeys(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return true;
  return false;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
