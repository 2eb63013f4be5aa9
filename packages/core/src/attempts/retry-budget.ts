/** How many retries a router (or a route) may add on top of its calls. */
export interface RetryBudgetPolicy {
  /** Retries allowed as a share of the calls in the window (0.2: at most 20% extra attempts). */
  ratio: number;
  /** Retries always allowed per second of window, so a quiet router can still retry. */
  minRetriesPerSecond: number;
  /** The sliding window the counts cover. */
  windowMs: number;
}

export interface RetryBudgetSnapshot extends RetryBudgetPolicy {
  /** Calls that started within the window. */
  calls: number;
  /** Retries spent within the window and not given back (those that failed, or are running). */
  retries: number;
  /** Retries still allowed in the window right now. */
  available: number;
  /** Retries refused since the router started. */
  denied: number;
}

interface Bucket {
  start: number;
  calls: number;
  retries: number;
}

/** Buckets per window: the window slides in steps of a tenth of its length. */
const bucketCount = 10;

/**
 * A retry budget in the manner of Finagle's and Envoy's: a call may retry only while the retries
 * of the last `windowMs` stay within max(minRetriesPerSecond x window seconds, ratio x calls).
 * A retry that succeeds is given back (as gRPC's retry throttling credits successes), so the
 * budget caps retries into an outage, not fail-over to a healthy target. At 100% failures,
 * upstream attempts stay near (1 + ratio) x calls plus the floor, instead of maxAttempts x calls.
 * Counts live in ten time buckets: O(1) per call, no timers.
 */
export class RetryBudget {
  private readonly bucketMs: number;
  private readonly buckets: Bucket[] = Array.from({ length: bucketCount }, () => ({
    start: Number.NEGATIVE_INFINITY,
    calls: 0,
    retries: 0,
  }));
  private deniedTotal = 0;

  constructor(readonly policy: RetryBudgetPolicy) {
    this.bucketMs = policy.windowMs / bucketCount;
  }

  /** A call started: it adds `ratio` of a retry to the budget. */
  recordCall(now: number): void {
    this.bucket(now).calls += 1;
  }

  /** Whether a retry would be allowed now, without spending it. */
  canRetry(now: number): boolean {
    const { calls, retries } = this.totals(now);
    return retries < this.allowed(calls);
  }

  /**
   * Spends one retry if the budget allows it and returns when it was spent (for `refund`);
   * counts a refusal and returns undefined otherwise.
   */
  tryRetry(now: number): number | undefined {
    if (!this.canRetry(now)) {
      this.deniedTotal += 1;
      return undefined;
    }
    this.bucket(now).retries += 1;
    return now;
  }

  /**
   * The retry spent at `spentAt` succeeded: it is given back. Only retries that fail use up the
   * budget, so failing over to a healthy target is never refused, while retries into an outage
   * are capped.
   */
  refund(spentAt: number): void {
    const bucket = this.buckets[this.indexOf(spentAt)] as Bucket;
    if (bucket.start === this.startOf(spentAt) && bucket.retries > 0) bucket.retries -= 1;
  }

  /** Why a retry was refused, for the trace and the error. */
  describe(now: number): string {
    const { calls, retries } = this.totals(now);
    const { ratio, windowMs } = this.policy;
    return `retry budget spent: ${retries} failed retries for ${calls} calls in the last ${windowMs / 1000} s (allowed ${Math.floor(this.allowed(calls))}: ${Math.round(ratio * 100)}% of calls, at least ${this.floor()})`;
  }

  snapshot(now: number): RetryBudgetSnapshot {
    const { calls, retries } = this.totals(now);
    return {
      ...this.policy,
      calls,
      retries,
      available: Math.max(0, Math.ceil(this.allowed(calls) - retries)),
      denied: this.deniedTotal,
    };
  }

  private floor(): number {
    return this.policy.minRetriesPerSecond * (this.policy.windowMs / 1000);
  }

  private allowed(calls: number): number {
    return Math.max(this.floor(), this.policy.ratio * calls);
  }

  /** The bucket `now` falls in, emptied first if it last held an older slot. */
  private bucket(now: number): Bucket {
    const bucket = this.buckets[this.indexOf(now)] as Bucket;
    const start = this.startOf(now);
    if (bucket.start !== start) {
      bucket.start = start;
      bucket.calls = 0;
      bucket.retries = 0;
    }
    return bucket;
  }

  private indexOf(now: number): number {
    const slot = Math.floor(now / this.bucketMs);
    return ((slot % bucketCount) + bucketCount) % bucketCount;
  }

  private startOf(now: number): number {
    return Math.floor(now / this.bucketMs) * this.bucketMs;
  }

  private totals(now: number): { calls: number; retries: number } {
    const oldest = now - this.policy.windowMs;
    let calls = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      // A bucket counts while any of it lies inside the window.
      if (bucket.start + this.bucketMs > oldest) {
        calls += bucket.calls;
        retries += bucket.retries;
      }
    }
    return { calls, retries };
  }
}
