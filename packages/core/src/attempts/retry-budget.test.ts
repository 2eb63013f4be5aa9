import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.js';

const start = 1_000_000;

function spend(budget: RetryBudget, now: number, tries: number): number {
  let allowed = 0;
  for (let index = 0; index < tries; index += 1)
    if (budget.tryRetry(now) !== undefined) allowed += 1;
  return allowed;
}

describe('RetryBudget', () => {
  it('allows the floor of minRetriesPerSecond x window seconds when there are few calls', () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 });
    budget.recordCall(start);

    expect(spend(budget, start, 15)).toBe(10);
    expect(budget.snapshot(start)).toEqual({
      ratio: 0.2,
      minRetriesPerSecond: 1,
      windowMs: 10_000,
      calls: 1,
      retries: 10,
      available: 0,
      denied: 5,
    });
  });

  it('allows ratio x calls once that is above the floor', () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 0.5, windowMs: 10_000 });
    for (let call = 0; call < 200; call += 1) budget.recordCall(start + call);

    expect(budget.canRetry(start + 200)).toBe(true);
    expect(spend(budget, start + 200, 100)).toBe(40);
    expect(budget.canRetry(start + 200)).toBe(false);
  });

  it('keeps retries within ratio x calls plus the floor when every call wants to retry', () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 0.5, windowMs: 10_000 });
    let retries = 0;
    for (let call = 0; call < 1000; call += 1) {
      const now = start + call * 7; // 1000 calls over 7 s: one window
      budget.recordCall(now);
      retries += spend(budget, now, 2);
    }
    expect(retries).toBeLessThanOrEqual(0.2 * 1000 + 5);
    expect(retries).toBeGreaterThanOrEqual(0.2 * 1000 - 1);
  });

  it('forgets calls and retries once they leave the window', () => {
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 0.3, windowMs: 10_000 });
    expect(spend(budget, start, 5)).toBe(3);
    expect(spend(budget, start + 5_000, 1)).toBe(0);
    // The first bucket has left the window 10 s (plus at most one bucket, 1 s) later.
    expect(spend(budget, start + 11_000, 5)).toBe(3);
    expect(budget.snapshot(start + 11_000)).toMatchObject({ retries: 3, denied: 5 });
    expect(budget.snapshot(start + 30_000)).toMatchObject({ calls: 0, retries: 0, available: 3 });
  });

  it('gives back a retry that succeeded, so only failed retries use the budget up', () => {
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 0.2, windowMs: 10_000 });
    for (let retry = 0; retry < 100; retry += 1) {
      const spentAt = budget.tryRetry(start + retry);
      expect(spentAt).toBe(start + retry);
      budget.refund(spentAt as number);
    }
    expect(spend(budget, start + 100, 5)).toBe(2);
    // A refund for a bucket that has since left the window gives nothing back.
    budget.refund(start - 60_000);
    expect(budget.snapshot(start + 100)).toMatchObject({ retries: 2, available: 0, denied: 3 });
  });

  it('says why it refused, with the figures', () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 0.1, windowMs: 10_000 });
    budget.recordCall(start);
    spend(budget, start, 2);
    expect(budget.describe(start)).toBe(
      'retry budget spent: 1 failed retries for 1 calls in the last 10 s (allowed 1: 20% of calls, at least 1)',
    );
  });
});
