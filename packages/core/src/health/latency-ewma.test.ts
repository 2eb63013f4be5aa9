import { describe, expect, it } from 'vitest';
import { nextEwma } from './latency-ewma.js';

describe('latency EWMA', () => {
  it('takes the first sample as is', () => {
    expect(nextEwma(undefined, 120)).toBe(120);
  });

  it('moves 30% of the way to each new sample by default', () => {
    expect(nextEwma(100, 200)).toBeCloseTo(130);
  });

  it('takes a configurable alpha', () => {
    expect(nextEwma(100, 200, 0.5)).toBe(150);
  });

  it('settles on a steady latency and forgets a spike within a few samples', () => {
    let average: number | undefined;
    for (const sample of [100, 100, 2_000, 100, 100, 100, 100, 100]) {
      average = nextEwma(average, sample);
    }
    expect(average).toBeLessThan(250);
  });

  it('ignores samples that are not durations', () => {
    expect([nextEwma(100, Number.NaN), nextEwma(100, -5), nextEwma(undefined, Infinity)]).toEqual([
      100,
      100,
      undefined,
    ]);
  });
});
