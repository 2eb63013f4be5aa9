import { describe, expect, it } from 'vitest';
import { fullJitterBackoffMs } from './backoff.js';

const backoff = (attempt: number, random: () => number) =>
  fullJitterBackoffMs({ attempt, baseMs: 100, maxMs: 2_000, random });

describe('full-jitter backoff', () => {
  it('draws between 0 and baseMs * 2^attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => backoff(attempt, () => 0.5))).toEqual([50, 100, 200, 400]);
    expect(backoff(3, () => 0)).toBe(0);
  });

  it('caps the step at maxMs', () => {
    expect([5, 10, 5_000].map((attempt) => backoff(attempt, () => 0.999))).toEqual([
      1_998, 1_998, 1_998,
    ]);
  });

  it('stays a number for a zero base and huge attempt counts', () => {
    expect(fullJitterBackoffMs({ attempt: 2_000, baseMs: 0, maxMs: 1_000, random: () => 1 })).toBe(
      0,
    );
  });
});
