import type { Clock } from '../clock.js';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';

/**
 * One re-armable timer per attempt: it aborts the attempt's controller with an
 * AttemptTimeoutError naming which limit fired (attempt, first chunk, idle or deadline).
 */
export class AttemptTimer {
  private handle: unknown;
  constructor(
    private readonly clock: Clock,
    private readonly controller: AbortController,
  ) {}

  /** Arms the nearest of the given limits (undefined = none); clears the previous one. */
  arm(limits: readonly [AttemptTimeoutError['timer'], number | undefined][]): void {
    this.clear();
    let timer: AttemptTimeoutError['timer'] | undefined;
    let ms = Number.POSITIVE_INFINITY;
    for (const [name, limit] of limits) {
      if (limit !== undefined && limit < ms) {
        ms = limit;
        timer = name;
      }
    }
    if (timer === undefined) return;
    const fired = timer;
    const afterMs = Math.max(0, ms);
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.controller.abort(new AttemptTimeoutError({ timer: fired, afterMs }));
    }, afterMs);
  }

  clear(): void {
    if (this.handle !== undefined) {
      this.clock.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }
}
