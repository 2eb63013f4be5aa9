import type { Clock } from '../clock.js';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';

type TimerName = AttemptTimeoutError['timer'];

/**
 * One re-armable timer per attempt: it aborts the attempt's controller with an
 * AttemptTimeoutError naming which limit fired (attempt, first chunk, idle or deadline).
 */
export class AttemptTimer {
  private handle: unknown;
  /** When the pending timer fires (clock time); set with `handle`. */
  private dueAt = Number.POSITIVE_INFINITY;
  /** Stream body: `startRead` has run once; the opening's timer is gone. */
  private reading = false;
  /** Stream body: when the pending read began; undefined while no read is pending. */
  private readStartedAt: number | undefined;
  private idleMs: number | undefined;
  private deadlineAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly controller: AbortController,
  ) {}

  /** Arms the nearest of the given limits (undefined = none); clears the previous one. */
  arm(limits: readonly [TimerName, number | undefined][]): void {
    this.clear();
    let timer: TimerName | undefined;
    let ms = Number.POSITIVE_INFINITY;
    for (const [name, limit] of limits) {
      if (limit !== undefined && limit < ms) {
        ms = limit;
        timer = name;
      }
    }
    if (timer !== undefined) this.start(timer, ms);
  }

  /**
   * An attempt's opening: `arm([['attempt', attemptMs], ['first-chunk', firstChunkMs],
   * ['deadline', deadlineMs]])` without building the arrays (it runs once per attempt).
   */
  armAttempt(
    attemptMs: number | undefined,
    firstChunkMs: number | undefined,
    deadlineMs: number | undefined,
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
    if (timer !== undefined) this.start(timer, ms);
  }

  private start(fired: TimerName, ms: number): void {
    const afterMs = Math.max(0, ms);
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.controller.abort(new AttemptTimeoutError({ timer: fired, afterMs }));
    }, afterMs);
  }

  /**
   * A stream body's read begins: from now on the timer fires after `idleMs` (undefined = none)
   * or at `deadlineAt` (clock time), whichever is nearer, as `arm([['idle', idleMs],
   * ['deadline', deadlineAt - now]])` would, until `endRead()`. Between reads it never fires.
   *
   * One timer serves every read of the body: a read only records its start, and a timer that
   * finds a later read pending when it fires re-arms itself for that read. Clearing and setting
   * a timer for each part cost more than the rest of the part's routing.
   */
  startRead(idleMs: number | undefined, deadlineAt: number | undefined): void {
    const now = this.clock.now();
    if (!this.reading) {
      // The opening's attempt / first-chunk timer ends at the body's first read, as arm() did.
      this.reading = true;
      this.clear();
    }
    this.readStartedAt = now;
    this.idleMs = idleMs;
    this.deadlineAt = deadlineAt;
    const next = this.nextLimit(now);
    // A pending timer due no later re-checks when it fires; one due later must come forward.
    if (next === undefined || (this.handle !== undefined && this.dueAt <= next.at)) return;
    this.clear();
    this.schedule(next.at, now);
  }

  /** The pending read settled: the idle and deadline limits pause until the next `startRead`. */
  endRead(): void {
    this.readStartedAt = undefined;
  }

  clear(): void {
    if (this.handle !== undefined) {
      this.clock.clearTimeout(this.handle);
      this.handle = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
    }
  }

  /** The nearer of the read's idle and deadline limits; on a tie, idle (as `arm` picks). */
  private nextLimit(now: number): { timer: TimerName; at: number; afterMs: number } | undefined {
    const startedAt = this.readStartedAt ?? now;
    const idleMs = this.idleMs;
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

  private schedule(at: number, now: number): void {
    this.dueAt = at;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
      if (this.readStartedAt === undefined) return; // no read pending: the next one re-arms
      const time = this.clock.now();
      const next = this.nextLimit(time);
      if (next === undefined) return;
      if (time >= next.at) {
        this.controller.abort(
          new AttemptTimeoutError({ timer: next.timer, afterMs: next.afterMs }),
        );
      } else {
        this.schedule(next.at, time);
      }
    }, at - now);
  }
}
