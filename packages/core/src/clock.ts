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

export const systemClock: Clock = {
  now: () => timeOrigin + performance.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending backoff or cooldown timer must never keep a process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
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
