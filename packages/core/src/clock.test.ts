import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock timers', () => {
  it('clears a queued timeout and a plain one alike', () => {
    let fired = 0;
    const queued = systemClock.setTimeout(() => (fired += 1), 120_000);
    const plain = systemClock.setTimeout(() => (fired += 1), 250.5);
    systemClock.clearTimeout(queued);
    systemClock.clearTimeout(plain);
    vi.advanceTimersByTime(200_000);
    expect(fired).toBe(0);
  });

  it('fires a queued timeout after its delay', () => {
    let firedAt: number | undefined;
    const start = systemClock.now();
    systemClock.setTimeout(() => (firedAt = systemClock.now()), 1500);
    vi.advanceTimersByTime(1499);
    expect(firedAt).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect((firedAt as number) - start).toBeCloseTo(1500, 0);
  });

  it('waits out a fractional delay past Node timers’ 24.8-day limit instead of firing at once', () => {
    let fired = false;
    systemClock.setTimeout(() => (fired = true), 2 ** 31 + 10.5);
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(12);
    expect(fired).toBe(true);
  });
});
