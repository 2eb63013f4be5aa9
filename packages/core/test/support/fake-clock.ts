import type { Clock } from '../../src/clock.js';

/** A clock that moves only when the test says so; timers fire in order as it advances. */
export function createFakeClock(
  start = 1_000_000,
): Clock & { advance(ms: number): void; pending(): number } {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let dueId: number | undefined;
        let dueAt = Number.POSITIVE_INFINITY;
        for (const [id, timer] of timers) {
          if (timer.at <= until && timer.at < dueAt) {
            dueAt = timer.at;
            dueId = id;
          }
        }
        if (dueId === undefined) break;
        const timer = timers.get(dueId) as { at: number; callback: () => void };
        timers.delete(dueId);
        now = Math.max(now, timer.at);
        timer.callback();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}
