import { describe, expect, it } from 'vitest';
import { createSampleWindow } from './sample-window.js';

describe('sample window', () => {
  it('gives the nearest-rank quantile of the samples held', () => {
    const window = createSampleWindow(100);
    for (let sample = 100; sample >= 1; sample -= 1) window.record(sample);
    expect([window.quantile(0.95, 20), window.quantile(0.5, 20), window.quantile(1, 20)]).toEqual([
      95, 50, 100,
    ]);
  });

  it('keeps only the newest samples', () => {
    const window = createSampleWindow(4);
    for (const sample of [1_000, 1_000, 1, 2, 3, 4]) window.record(sample);
    expect([window.size, window.quantile(1, 1)]).toEqual([4, 4]);
  });

  it('answers nothing below the minimum, and ignores samples that are not durations', () => {
    const window = createSampleWindow();
    window.record(Number.NaN);
    window.record(-1);
    window.record(5);
    expect([window.size, window.quantile(0.95, 2), window.quantile(0.95, 1)]).toEqual([
      1,
      undefined,
      5,
    ]);
  });

  it('gives the median of the newest samples, the faster middle one for an even count', () => {
    const window = createSampleWindow(10);
    expect([window.median(5), window.latest]).toEqual([undefined, undefined]);
    for (const sample of [500, 500, 500, 20, 21, 400, 22]) window.record(sample);
    // Newest 5: 500 20 21 400 22; the 400 outlier does not move the median.
    expect([window.median(5), window.median(3), window.median(2), window.median(100)]).toEqual([
      22, 22, 22, 400,
    ]);
    expect(window.latest).toBe(22);
  });

  it('answers a median from its cache until the next sample, across the ring', () => {
    const window = createSampleWindow(4);
    for (const sample of [1, 2, 3, 4, 50, 60]) window.record(sample);
    // Held: 3 4 50 60 (the ring wrapped).
    expect([window.median(25), window.median(2), window.median(25), window.latest]).toEqual([
      4, 50, 4, 60,
    ]);
    window.record(1);
    expect([window.median(25), window.median(2)]).toEqual([4, 1]);
  });
});
