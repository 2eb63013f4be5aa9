import { describe, expect, it } from 'vitest';
import { firstSlotFreeAt, liveProbes, releaseProbe } from './probe-slots.js';

describe('probe slots', () => {
  it('gives up slots held for ttlMs or longer', () => {
    const slots = [0, 500];
    expect([liveProbes(slots, 1_999, 2_000), liveProbes(slots, 2_000, 2_000), slots]).toEqual([
      2,
      1,
      [500],
    ]);
  });

  it('releases a held slot once and reports a slot that was given up', () => {
    const slots = [100, 200];
    expect([releaseProbe(slots, 100), releaseProbe(slots, 100), slots]).toEqual([
      true,
      false,
      [200],
    ]);
  });

  it('knows when the oldest slot frees at the latest', () => {
    expect(firstSlotFreeAt([300, 100, 200], 2_000)).toBe(2_100);
  });
});
