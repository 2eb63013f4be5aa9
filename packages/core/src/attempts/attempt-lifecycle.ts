import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { CallFacts } from '../capabilities/call-facts.js';
import { costOfUsage } from '../cost/usage-cost.js';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';
import type { ClassifiedError } from '../errors/error-class.js';
import { RequestRejectedError } from '../errors/request-rejected-error.js';
import type { CallAdmission } from '../limits/router-limits.js';
import type { ResolvedRoute, ResolvedTarget } from '../options/resolved-options.js';
import type { DecisionTrace, TraceAttempt } from '../trace/decision-trace.js';
import type { ActiveAttempt, Execute } from './active-attempt.js';
import { AttemptTimer } from './attempt-timer.js';
import { emitAttemptEnd, emitAttemptStart } from './call-events.js';
import { addCallTotals } from './call-totals.js';
import { classifyAttemptError } from './classify-attempt-error.js';
import type { AttemptOutcome, Launched } from './hedge.js';
import type { PlannedCandidate } from './plan-candidates.js';
import { roundMs } from './round-ms.js';
import type { RouterRuntime } from './router-runtime.js';

/**
 * A routed call's state and the lifecycle of its attempts: launch, settle (failed, cancelled,
 * delivered, interrupted, handed to a continuation) and the call's end (totals, the decision
 * event, the thrown error). `HedgingCall` adds the hedge race and `RoutedCall` the attempt loop.
 */
export abstract class AttemptLifecycle {
  readonly trace: DecisionTrace;
  private readonly startedAt: number;
  readonly deadlineAt: number | undefined;
  /** What the call reserved under its key/user/tenant limits; settled when it ends. */
  admission: CallAdmission | undefined;
  private finished = false;
  /** The prompt or values, set by the model only under `telemetry.recordContent`. */
  content: unknown;
  /** Set once a broken stream is being continued: the attempts from here on continue it. */
  protected continuing: { attempt: number; atChar: number; target: string } | undefined;
  /** The deadline timer cut an attempt. Node timers may fire up to 1 ms before the clock agrees. */
  protected deadlineFired = false;
  /** The attempts of a hedge race while it runs: a call that ends mid-race cancels them first. */
  protected racing: ActiveAttempt[] = [];

  constructor(
    protected readonly runtime: RouterRuntime,
    protected readonly route: ResolvedRoute,
    operation: DecisionTrace['operation'],
    protected readonly facts: CallFacts,
    protected readonly callerSignal: AbortSignal | undefined,
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

  /**
   * Ends a running attempt that will not be used: the other attempt of a hedge delivered first
   * (`winner`), or the call ended. Settled at once, so the trace and the health count it before
   * the call finishes; its request is aborted, closing the upstream socket. A hedge's loser
   * counts as a lower-bound latency sample (it waited this long without content), so the
   * strategies stop putting a slow target first. Its cost is estimated from the prompt's tokens:
   * providers bill the input of a request they have started on.
   */
  protected cancel(active: ActiveAttempt, winner: ActiveAttempt | undefined): void {
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
    record.durationMs = roundMs(elapsedMs);
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
    emitAttemptEnd(this.runtime.events, this.trace.callId, this.route.name, record);
    active.controller.abort(new DOMException(record.message, 'AbortError'));
  }

  /** Starts an attempt; `outcome` settles when it delivers or fails. */
  protected launch<R>(
    candidate: PlannedCandidate,
    execute: Execute<R>,
    panic: boolean,
    startedAt: number,
    hedge = false,
  ): Launched<R> {
    const active = this.begin(candidate, panic, startedAt, hedge);
    return { active, outcome: this.settleAttempt(active, execute) };
  }

  /**
   * An attempt's start, before its target is called: the trace record, the health ticket, the
   * controller and the timer.
   */
  protected begin(
    candidate: PlannedCandidate,
    panic: boolean,
    startedAt: number,
    hedge = false,
  ): ActiveAttempt {
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
    if (this.runtime.events.has('attempt-start'))
      emitAttemptStart(this.runtime.events, this.trace.callId, this.route.name, record);
    const controller = new AbortController();
    const timer = new AttemptTimer(clock, controller);
    const detach = this.callerSignal ? followCaller(this.callerSignal, controller) : noDetach;
    // A key the target sets wins, even when it is undefined (the user's Infinity: no limit).
    const own = target.timeouts;
    const routeTimeouts = this.route.timeouts;
    const attemptMs = 'attemptMs' in own ? own.attemptMs : routeTimeouts.attemptMs;
    const firstChunkMs = 'firstChunkMs' in own ? own.firstChunkMs : routeTimeouts.firstChunkMs;
    timer.armAttempt(
      attemptMs,
      this.trace.operation === 'stream' ? firstChunkMs : undefined,
      this.deadlineAt === undefined ? undefined : this.deadlineAt - startedAt,
      startedAt,
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
    return active;
  }

  private async settleAttempt<R>(
    active: ActiveAttempt,
    execute: Execute<R>,
  ): Promise<AttemptOutcome<R>> {
    try {
      const value = await execute(active);
      this.delivered(active);
      return { ok: { value, attempt: active } };
    } catch (error) {
      return this.attemptFailed(active, error);
    }
  }

  /**
   * The attempt's target delivered: its timer is done. A stream has delivered its first content:
   * its opening's limits end and its body's begin (idle per read, the deadline throughout).
   */
  protected delivered(active: ActiveAttempt): void {
    if (this.trace.operation === 'stream') active.timer.openBody(this.deadlineAt);
    else active.timer.clear();
  }

  /**
   * The attempt's target threw: settle it (trace, health, stats), and end the call when the
   * error says no other target can help (the caller aborted, or rejected the request).
   */
  protected attemptFailed(
    active: ActiveAttempt,
    error: unknown,
  ): { error: unknown; retry: boolean } {
    const { record, target, controller, timer, detach } = active;
    // Cancelled (a hedge lost, or the call ended): already settled and recorded.
    if (active.ended) return { error, retry: false };
    active.ended = true;
    timer.clear();
    detach();
    const reason: unknown = controller.signal.reason;
    if (reason instanceof AttemptTimeoutError && reason.timer === 'deadline')
      this.deadlineFired = true;
    const classified = classifyAttemptError(active, error, this.callerSignal);
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
    record.durationMs = roundMs(now - active.startedAt);
    if (usage) this.recordUsage(record, target, usage);
    const countsAgainstTarget = classified.errorClass === 'retryable-transient';
    this.runtime.health.end(active.ticket, now, {
      outcome: countsAgainstTarget ? 'failure' : 'neutral',
    });
    if (classified.errorClass === 'rate-limited') {
      this.runtime.health.coolDown(target.id, now, classified.retryAfterMs);
    }
    this.runtime.stats.attemptEnded(this.route.name, record);
    emitAttemptEnd(this.runtime.events, this.trace.callId, this.route.name, record);
  }

  /** The attempt delivered: settle it and finish the call as a success. */
  succeed(active: ActiveAttempt, usage: LanguageModelV4Usage | undefined, ttftMs?: number): void {
    const now = this.runtime.options.clock.now();
    active.timer.clear();
    active.detach();
    const { record, target } = active;
    record.durationMs = roundMs(now - active.startedAt);
    if (ttftMs !== undefined) record.ttftMs = roundMs(ttftMs);
    if (usage) this.recordUsage(record, target, usage);
    const result: { outcome: 'success'; durationMs: number; ttftMs?: number } = {
      outcome: 'success',
      durationMs: record.durationMs,
    };
    if (ttftMs !== undefined) result.ttftMs = ttftMs;
    this.runtime.health.end(active.ticket, now, result);
    this.runtime.stats.attemptEnded(this.route.name, record);
    emitAttemptEnd(this.runtime.events, this.trace.callId, this.route.name, record);
    this.trace.outcome = 'success';
    this.trace.target = target.id;
    this.finish(now);
  }

  /** A stream broke after content reached the caller and another target will continue it. */
  protected settleForContinuation(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage?: LanguageModelV4Usage,
  ): void {
    this.settleBroken(active, classified, usage, 'continue');
  }

  /** A stream broke after content reached the caller: the call ends as interrupted. */
  interrupt(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage?: LanguageModelV4Usage,
  ): void {
    this.settleBroken(active, classified, usage, 'stop');
    this.trace.outcome = classified.errorClass === 'aborted' ? 'aborted' : 'interrupted';
    this.trace.target = active.target.id;
    this.finish();
  }

  /** Settles a stream attempt that broke after content, with what comes next in the trace. */
  private settleBroken(
    active: ActiveAttempt,
    classified: ClassifiedError,
    usage: LanguageModelV4Usage | undefined,
    next: 'continue' | 'stop',
  ): void {
    active.timer.clear();
    active.detach();
    active.record.next = next;
    this.settleFailure(active, classified, usage);
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

  protected deadlinePassed(now: number): boolean {
    return this.deadlineFired || (this.deadlineAt !== undefined && now >= this.deadlineAt);
  }

  protected abortTrace(): never {
    this.cancelRacing();
    this.trace.outcome = 'aborted';
    this.finish();
    throw this.callerSignal?.reason ?? new DOMException('The call was aborted.', 'AbortError');
  }

  protected fail(error: Error): never {
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
    trace.durationMs = roundMs(now - this.startedAt);
    addCallTotals(trace);
    this.runtime.limits.callEnded(trace, this.admission);
    this.runtime.stats.callEnded(trace);
    this.runtime.decided(trace);
  }
}

const noDetach = () => {};

/** Aborts `controller` when the caller's signal does; returns the listener's removal. */
function followCaller(signal: AbortSignal, controller: AbortController): () => void {
  if (signal.aborted) {
    controller.abort(signal.reason);
    return noDetach;
  }
  const onCallerAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onCallerAbort, { once: true });
  return () => signal.removeEventListener('abort', onCallerAbort);
}

function hasKeys(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return true;
  return false;
}
