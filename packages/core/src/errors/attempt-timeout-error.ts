/**
 * The reason the router aborts an attempt when one of its own timers fires. Classified as
 * retryable-transient ('timeout'), unlike a caller's abort.
 */
export class AttemptTimeoutError extends Error {
  readonly timer: 'attempt' | 'first-chunk' | 'idle' | 'deadline';
  readonly afterMs: number;
  constructor({ timer, afterMs }: { timer: AttemptTimeoutError['timer']; afterMs: number }) {
    super(`The ${timer} timeout fired after ${afterMs} ms.`);
    this.name = 'AttemptTimeoutError';
    this.timer = timer;
    this.afterMs = afterMs;
  }
}

/** A stream that stopped before it finished: no finish part, or the socket went away. */
export class StreamBrokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StreamBrokenError';
  }
}
