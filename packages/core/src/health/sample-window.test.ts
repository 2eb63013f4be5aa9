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
});
