/**
 * Long timers that share one Node timer per delay. The router sets one timeout per attempt (two
 * minutes by default) and clears almost all of them a few milliseconds later; a Node timer each
 * cost more than the rest of a short call's routing (a Timeout object, a list insert, a native
 * re-arm and unref). Timers set with the same delay fall due in the order they were set, so each
 * delay keeps a FIFO behind one unref'd Node timer armed for its oldest live entry. Clearing only
 * marks an entry; marked entries are dropped as they reach the head, or all at once when they
 * outnumber the live ones, so a queue never holds more than about three times its live timers.
 */

/** Node's largest delay; a longer one would fire at once (TimeoutOverflowWarning). */
export const maxNodeDelayMs = 2 ** 31 - 1;
/** Node may fire a timer up to a millisecond before `performance.now()` agrees it is due. */
const earlyFireMs = 1;

/** A timer set through a delay queue: the handle `clear` takes. */
export class DelayedCall {
  constructor(
    /** Undefined once the call has run or was cleared. */
    public callback: (() => void) | undefined,
    readonly dueAt: number,
    readonly queue: DelayQueue,
  ) {}
}

class DelayQueue {
  private entries: DelayedCall[] = [];
  private head = 0;
  private live = 0;
  private cleared = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** `fire` is running its callbacks: it re-arms and compacts once they are done. */
  private firing = false;

  constructor(
    readonly delayMs: number,
    private readonly now: () => number,
    private readonly drained: (queue: DelayQueue) => void,
  ) {}

  add(callback: () => void): DelayedCall {
    const entry = new DelayedCall(callback, this.now() + this.delayMs, this);
    this.entries.push(entry);
    this.live += 1;
    if (this.timer === undefined && !this.firing) this.arm(entry.dueAt);
    return entry;
  }

  clear(entry: DelayedCall): void {
    if (entry.callback === undefined) return;
    entry.callback = undefined;
    this.live -= 1;
    this.cleared += 1;
    // The Node timer stays armed: the next timer of this delay (at c=1, the next call's) reuses it.
    if (!this.firing && this.cleared > 2 * this.live + 64) this.compact();
  }

  private arm(dueAt: number): void {
    const delay = Math.min(maxNodeDelayMs, Math.max(0, dueAt - this.now()));
    this.timer = setTimeout(this.fire, delay);
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.firing = true;
    const time = this.now() + earlyFireMs;
    const { entries } = this;
    while (this.head < entries.length) {
      const entry = entries[this.head] as DelayedCall;
      const { callback } = entry;
      if (callback !== undefined && entry.dueAt > time) break;
      this.head += 1;
      if (callback === undefined) {
        this.cleared -= 1;
        continue;
      }
      entry.callback = undefined;
      this.live -= 1;
      try {
        callback();
      } catch (error) {
        // As a throwing Node timer callback would: never swallowed, never blocking the others.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.firing = false;
    this.compact();
    const next = this.entries[0];
    if (next !== undefined) this.arm(next.dueAt);
    else this.drained(this);
  };

  /** Drops the entries that have run or were cleared. */
  private compact(): void {
    this.entries = this.entries.slice(this.head).filter((entry) => entry.callback !== undefined);
    this.head = 0;
    this.cleared = 0;
  }
}

/** One set of per-delay queues on one clock. */
export function createDelayQueues(now: () => number) {
  const queues = new Map<number, DelayQueue>();
  const drained = (queue: DelayQueue) => {
    if (queues.get(queue.delayMs) === queue) queues.delete(queue.delayMs);
  };
  return {
    set(callback: () => void, delayMs: number): DelayedCall {
      let queue = queues.get(delayMs);
      if (queue === undefined) {
        queue = new DelayQueue(delayMs, now, drained);
        queues.set(delayMs, queue);
      }
      return queue.add(callback);
    },
    clear(entry: DelayedCall): void {
      entry.queue.clear(entry);
    },
    /** Delays with a queue right now (for tests). */
    get size(): number {
      return queues.size;
    },
  };
}
