import { createDelayQueues, DelayedCall, maxNodeDelayMs } from './delay-queues.js';

/**
 * Time as the router sees it. Tests inject a fake clock so cooldowns, backoff and breaker
 * windows run without sleeping; every wait goes through `setTimeout` here.
 */
export interface Clock {
  /** Milliseconds, monotonic enough for durations and deadlines. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Read once: the getter costs more than performance.now() itself, and it never changes.
const timeOrigin = performance.timeOrigin;
const now = () => timeOrigin + performance.now();
const delayQueues = createDelayQueues(now);

/**
 * Whether a timer goes through the delay queues: the attempts' long timeouts (whole
 * milliseconds, a second or more, the same few values again and again). Short or fractional
 * ones (backoff, hedge delays, a deadline's remainder) are Node timers of their own.
 */
const queued = (ms: number) => ms >= 1000 && Number.isInteger(ms);

export const systemClock: Clock = {
  now,
  setTimeout: (callback, ms) => {
    if (queued(ms)) return delayQueues.set(callback, ms);
    // Past Node's limit a timer would fire at once: the queue waits it out in steps.
    if (ms > maxNodeDelayMs) return delayQueues.set(callback, Math.ceil(ms));
    const handle = setTimeout(callback, ms);
    // A pending backoff or cooldown timer must never keep a process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => {
    if (handle instanceof DelayedCall) delayQueues.clear(handle);
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Waits `ms` on `clock`; rejects with the signal's reason as soon as it aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
