import { describe, expect, it } from 'vitest';
import {
  type SimulatedCall,
  shareOf,
  simulateLatencyRoute,
} from '../../test/support/latency-simulation.js';
import { leastLatency, leastLatencyStrategy } from './least-latency.js';
import type { Strategy } from './strategy.js';

// Issue 7's load-balancing case on the injected clock: two deployments of one model, 20 ms and
// 60 ms (a few ms of jitter), 4 calls in flight. A hiccup on the fast one (a GC pause, a busy
// CPU) must not hand the traffic to the slow one until `exploreAfterMs` (30 s) runs out.

const start = 1_000_000;
const calls = 400;

function base({ index, targetId }: { index: number; targetId: string }): number {
  return (targetId === 'fast' ? 20 : 60) + ((index * 7) % 5);
}

/** Every call on the fast target that runs at some point in [from, until) is `extraMs` late. */
function busyPeriod(from: number, until: number, extraMs: number) {
  return (call: { index: number; targetId: string; startedAt: number }) => {
    const ms = base(call);
    const overlaps = call.startedAt < until && call.startedAt + ms > from;
    return call.targetId === 'fast' && overlaps ? ms + extraMs : ms;
  };
}

function play(
  strategy: Strategy,
  durationMs: Parameters<typeof simulateLatencyRoute>[0]['durationMs'],
  seed = 7,
) {
  return simulateLatencyRoute({
    strategy,
    targetIds: ['slow', 'fast'],
    calls,
    concurrency: 4,
    durationMs,
    seed,
  });
}

/** Calls sent to `targetId` among those starting at `from` (an index) and later. */
function countFrom(played: readonly SimulatedCall[], from: number, targetId: string): number {
  return played.filter((call) => call.index >= from && call.targetId === targetId).length;
}

/** The index after the last call slower than its target's usual latency. */
function afterLastLate(played: readonly SimulatedCall[]): number {
  const late = played.filter((call) => call.durationMs > base(call));
  return Math.max(...late.map((call) => call.index)) + 1;
}

describe('least-latency after a hiccup (issue 7)', () => {
  it('keeps the fast target first after one 10x outlier on it', () => {
    const played = play(leastLatencyStrategy, (call) =>
      call.targetId === 'fast' && call.index === 40 ? 10 * base(call) : base(call),
    );
    expect(played[40]?.targetId).toBe('fast');
    // The median of the last 5 samples ignores it: the slow target gets no call at all.
    expect(countFrom(played, 40, 'slow')).toBe(0);
  });

  it('is pinned to the slow target after a stall when nothing re-measures the fast one (exploreRate 0)', () => {
    // 300 ms late for everything on the fast target during 500 ms at t = 1 s: more outliers
    // than a median of 5 absorbs, so the fast target's score is 320 ms and nothing lowers it.
    const played = play(
      leastLatency({ exploreRate: 0 }),
      busyPeriod(start + 1_000, start + 1_500, 300),
    );
    const after = afterLastLate(played);
    expect(countFrom(played, after, 'fast')).toBe(0);
    expect(calls - after).toBeGreaterThan(150);
  });

  it('wins the fast target back within a bounded number of calls after that stall', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const played = play(
        leastLatencyStrategy,
        busyPeriod(start + 1_000, start + 1_500, 300),
        seed,
      );
      const after = afterLastLate(played);
      expect(calls - after).toBeGreaterThan(150);
      // exploreRate 0.1 finds the fast target again within ~10 calls on average; then 2 more
      // calls bring its median back. Without it, every one of these calls went to the slow one.
      expect(countFrom(played, after, 'slow')).toBeLessThanOrEqual(40);
      expect(countFrom(played, after + 60, 'slow')).toBe(0);
    }
  });

  it('moves the traffic off a target that really slowed down, and stops re-measuring it', () => {
    const played = play(leastLatencyStrategy, (call) =>
      call.targetId === 'fast' && call.index >= 100 ? 200 : base(call),
    );
    // Re-measuring a slowed target costs about half the 25 samples of its typical latency.
    const slowedCalls = countFrom(played, 100, 'fast');
    expect(slowedCalls).toBeGreaterThanOrEqual(5);
    expect(slowedCalls).toBeLessThanOrEqual(20);
    expect(countFrom(played, 300, 'fast')).toBe(0);
  });

  it('gives a deployment that recovered its traffic back right after its exploreAfterMs call', () => {
    // 200 ms from call 100 until t = 3 s, then 20 ms again; re-measured after 2 s without a sample.
    const recoversAt = start + 3_000;
    const played = play(leastLatency({ exploreAfterMs: 2_000 }), (call) =>
      call.targetId === 'fast' && call.index >= 100 && call.startedAt < recoversAt
        ? 200
        : base(call),
    );
    const firstGood = played.find(
      (call) => call.targetId === 'fast' && call.index > 100 && call.startedAt >= recoversAt,
    ) as SimulatedCall;
    expect(firstGood).toBeDefined();
    // Its latest sample is fast again: the next calls measure it at once, and its median follows.
    expect(countFrom(played, firstGood.index + 10, 'slow')).toBe(0);
    expect(countFrom(played, firstGood.index, 'fast')).toBeGreaterThan(
      0.9 * (calls - firstGood.index),
    );
  });

  it('never re-measures a target that is usually slower (only exploreAfterMs does)', () => {
    const played = play(leastLatencyStrategy, base);
    // The first calls measure both; then the 60 ms deployment gets nothing.
    expect(countFrom(played, 10, 'slow')).toBe(0);
    expect(shareOf(played, 'fast')).toBeGreaterThan(0.98);
  });
});
