import { describe, expect, it } from 'vitest';
import { periodEndsAt } from './utc-period.js';

describe('periodEndsAt', () => {
  it('ends a day at the next midnight UTC', () => {
    const now = Date.UTC(2026, 10, 25, 23, 59, 59);
    expect(new Date(periodEndsAt('day', now)).toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('ends a month on the first of the next month UTC, across a year end', () => {
    expect(new Date(periodEndsAt('month', Date.UTC(2026, 11, 31, 12))).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('starts a new period exactly at midnight', () => {
    const midnight = Date.UTC(2026, 1, 28);
    expect(periodEndsAt('day', midnight)).toBe(Date.UTC(2026, 2, 1));
  });
});
