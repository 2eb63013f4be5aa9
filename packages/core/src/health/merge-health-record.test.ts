import { describe, expect, it } from 'vitest';
import type { BreakerState } from './circuit-breaker.js';
import { mergeHealthRecord } from './merge-health-record.js';
import { createTargetHealthRecord, type TargetHealthRecord } from './target-health.js';

const closed = createTargetHealthRecord();
const withBreaker = (breaker: Partial<BreakerState>): TargetHealthRecord => ({
  ...closed,
  breaker: { ...closed.breaker, ...breaker },
});
const open = withBreaker({ state: 'open', trips: 1, openUntil: 1_000, consecutiveFailures: 3 });

describe('merging a health record from the store', () => {
  it('adopts another instance trip', () => {
    expect(mergeHealthRecord(closed, open)).toEqual(open);
  });

  it('adopts another instance close', () => {
    expect(mergeHealthRecord(open, closed)?.breaker.state).toBe('closed');
  });

  it('keeps local window counts when the breaker did not move', () => {
    const local = withBreaker({ consecutiveFailures: 2 });
    expect(mergeHealthRecord(local, closed)).toBeUndefined();
  });

  it('treats a trip it already knows as no news (an echo)', () => {
    expect(mergeHealthRecord(open, { ...open })).toBeUndefined();
    const halfOpen = withBreaker({ ...open.breaker, state: 'half-open' });
    expect(mergeHealthRecord(halfOpen, open)).toBeUndefined();
  });

  it('adopts a longer cooldown and keeps local breaker counts', () => {
    const local = withBreaker({ consecutiveFailures: 2 });
    const incoming: TargetHealthRecord = {
      ...closed,
      coolUntil: 5_000,
      coolReason: 'rate-limited',
    };
    expect(mergeHealthRecord(local, incoming)).toEqual({
      breaker: local.breaker,
      coolUntil: 5_000,
      coolReason: 'rate-limited',
    });
  });

  it('never shortens a cooldown', () => {
    const local: TargetHealthRecord = { ...closed, coolUntil: 9_000, coolReason: 'rate-limited' };
    expect(mergeHealthRecord(local, { ...local, coolUntil: 2_000 })).toBeUndefined();
  });
});
