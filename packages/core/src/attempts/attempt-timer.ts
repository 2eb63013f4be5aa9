import type { Clock } from '../clock.js';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';

type TimerName = AttemptTimeoutError['timer'];

interface Limit {
  timer: TimerName;
  /** Clock time it falls due. */
  at: number;
  /** What the error reports: how long the attempt (or read) waited. */
  afterMs: number;
}

/**
 * One re-armable timer per attempt: it aborts the attempt's controller with an
 * AttemptTimeoutError naming which limit fired (attempt, first chunk, idle or deadline).
 *
 * An attempt has two phases. Its opening (`armAttempt`) runs until the target delivers;
 * a stream then opens its body (`openBody`), where the idle limit runs while a read is pending
 * and the call's deadline throughout. One Node timer serves both: a timer that finds the limit
 * it was set for gone or later when it fires re-arms itself for the next one, so a stream's
 * reads only record their start. Clearing and setting a timer per part cost more than the rest
 * of the part's routing.
 */
export class AttemptTimer {
  private handle: unknown;
  /** When the pending timer fires (clock time); set with `handle`. */
  private dueAt = Number.POSITIVE_INFINITY;
  /** The opening's limit, until `openBody`. */
  private opening: Limit | undefined;
  /** `openBody` has run: the body's limits apply. */
  private inBody = false;
  /** Body: when the pending read began; undefined while no read is pending. */
  private readStartedAt: number | undefined;
  /** Body: when it last began waiting on its caller (no read pending), about. */
  private pausedAt: number | undefined;
  private idleMs: number | undefined;
  private deadlineAt: number | undefined;
  /** Body: what runs when the deadline ends the attempt between reads. */
  private onExpired: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly controller: AbortController,
  ) {}

  /**
   * An attempt's opening at `now`: the nearest of its limits (undefined = none) fires, the first
   * named on a tie; the previous timer is cleared.
   */
  armAttempt(
    attemptMs: number | undefined,
    firstChunkMs: number | undefined,
    deadlineMs: number | undefined,
    now: number,
  ): void {
    this.clear();
    let timer: TimerName | undefined;
    let ms = Number.POSITIVE_INFINITY;
    if (attemptMs !== undefined && attemptMs < ms) {
      ms = attemptMs;
      timer = 'attempt';
    }
    if (firstChunkMs !== undefined && firstChunkMs < ms) {
      ms = firstChunkMs;
      timer = 'first-chunk';
    }
    if (deadlineMs !== undefined && deadlineMs < ms) {
      ms = deadlineMs;
      timer = 'deadline';
    }
    if (timer !== undefined) this.start(timer, ms, now);
  }

  private start(timer: TimerName, ms: number, now: number): void {
    const afterMs = Math.max(0, ms);
    this.opening = { timer, at: now + afterMs, afterMs };
    this.dueAt = now + afterMs;
    this.handle = this.clock.setTimeout(this.fire, afterMs);
  }

  /**
   * A stream's opening delivered: its attempt and first-chunk limits end, and the body's begin.
   * Between reads only the call's deadline (`deadlineAt`, clock time) runs, so a stream nobody
   * reads on still ends at the deadline (see `onExpiredBetweenReads`). The opening's timer, if
   * due sooner, stays: it re-checks when it fires.
   */
  openBody(deadlineAt: number | undefined): void {
    const now = this.clock.now();
    this.opening = undefined;
    this.inBody = true;
    this.pausedAt = now;
    this.deadlineAt = deadlineAt;
    this.armNext(now);
  }

  /**
   * What runs after the deadline aborts the attempt while no read is pending, for the body to
   * settle the call: a pending read settles through the abort itself.
   */
  onExpiredBetweenReads(callback: () => void): void {
    this.onExpired = callback;
  }

  /**
   * A body's read begins: until `endRead()` the timer fires after `idleMs` (undefined = none)
   * or at `deadlineAt` (clock time), whichever is nearer (idle on a tie).
   */
  startRead(idleMs: number | undefined, deadlineAt: number | undefined): void {
    const now = this.clock.now();
    this.inBody = true;
    this.opening = undefined;
    this.readStartedAt = now;
    this.idleMs = idleMs;
    this.deadlineAt = deadlineAt;
    this.armNext(now);
  }

  /** The pending read settled: the idle limit pauses until the next `startRead`. */
  endRead(): void {
    // The read's start stands in for its end: reading the clock again per part costs more.
    this.pausedAt = this.readStartedAt;
    this.readStartedAt = undefined;
  }

  clear(): void {
    if (this.handle !== undefined) {
      this.clock.clearTimeout(this.handle);
      this.handle = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
    }
  }

  /** Arms the next limit, unless the pending timer is due no later (it re-checks when it fires). */
  private armNext(now: number): void {
    const next = this.nextLimit(now);
    if (next === undefined || (this.handle !== undefined && this.dueAt <= next.at)) return;
    this.clear();
    this.dueAt = next.at;
    this.handle = this.clock.setTimeout(this.fire, next.at - now);
  }

  /**
   * The limit that applies now: the opening's; in the body, a pending read's idle limit or the
   * deadline, whichever is nearer (idle on a tie), and between reads the deadline.
   */
  private nextLimit(now: number): Limit | undefined {
    if (!this.inBody) return this.opening;
    const pending = this.readStartedAt;
    const idleMs = pending === undefined ? undefined : this.idleMs;
    // Between reads the deadline's wait is counted from when the caller stopped reading.
    const startedAt = pending ?? this.pausedAt ?? now;
    const remaining = this.deadlineAt === undefined ? undefined : this.deadlineAt - startedAt;
    if (idleMs !== undefined && (remaining === undefined || idleMs <= remaining)) {
      if (idleMs === Number.POSITIVE_INFINITY) return undefined;
      const afterMs = Math.max(0, idleMs);
      return { timer: 'idle', at: startedAt + afterMs, afterMs };
    }
    if (remaining === undefined || remaining === Number.POSITIVE_INFINITY) return undefined;
    const afterMs = Math.max(0, remaining);
    return { timer: 'deadline', at: startedAt + afterMs, afterMs };
  }

  private readonly fire = (): void => {
    this.handle = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    const opening = this.opening;
    if (opening !== undefined) {
      // The timer was set for exactly this limit: the clock agrees it is due.
      this.controller.abort(new AttemptTimeoutError(opening));
      return;
    }
    const time = this.clock.now();
    const next = this.nextLimit(time);
    if (next === undefined) return;
    if (time < next.at) {
      this.dueAt = next.at;
      this.handle = this.clock.setTimeout(this.fire, next.at - time);
      return;
    }
    const betweenReads = this.readStartedAt === undefined;
    this.controller.abort(new AttemptTimeoutError(next));
    if (betweenReads) this.onExpired?.();
  };
}
