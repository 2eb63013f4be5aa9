import { describe, expect, it } from 'vitest';
import { ids, strategyInput, targets } from '../../test/support/strategy-input.js';
import { RouterConfigError } from '../errors/router-config-error.js';
import { leastLatency, leastLatencyStrategy } from './least-latency.js';
import { regionAware } from './region.js';

const now = 1_000_000;
const fresh = now - 1_000;

describe('least-latency', () => {
  it('puts the target with the lowest time to first token first for a stream', () => {
    const order = leastLatencyStrategy.order(
      strategyInput({
        members: targets('slow', 'fast', 'mid'),
        states: {
          slow: { ttftMs: 900, latencyMs: 100, sampledAt: fresh },
          fast: { ttftMs: 100, latencyMs: 900, sampledAt: fresh },
          mid: { ttftMs: 400, latencyMs: 400, sampledAt: fresh },
        },
      }),
    );
    expect(ids(order)).toEqual(['fast', 'mid', 'slow']);
  });

  it('orders a generate call by duration', () => {
    const input = strategyInput({
      members: targets('a', 'b'),
      states: {
        a: { ttftMs: 50, latencyMs: 900, sampledAt: fresh },
        b: { ttftMs: 500, latencyMs: 300, sampledAt: fresh },
      },
    });
    input.call.operation = 'generate';
    expect(ids(leastLatencyStrategy.order(input))).toEqual(['b', 'a']);
  });

  it('explores a never-measured target first, but only while nobody is measuring it', () => {
    const states = {
      known: { ttftMs: 100, sampledAt: fresh },
      fresh: {},
    };
    const idle = leastLatencyStrategy.order(
      strategyInput({ members: targets('known', 'fresh'), states }),
    );
    expect(ids(idle)).toEqual(['fresh', 'known']);
    const measuring = leastLatencyStrategy.order(
      strategyInput({
        members: targets('known', 'fresh'),
        states: { ...states, fresh: { inFlight: 1 } },
      }),
    );
    expect(ids(measuring)).toEqual(['known', 'fresh']);
  });

  it('re-measures a slow target once its sample is older than exploreAfterMs', () => {
    const strategy = leastLatency({ exploreAfterMs: 10_000 });
    const states = {
      fast: { ttftMs: 100, sampledAt: now - 100 },
      slow: { ttftMs: 3_000, sampledAt: now - 9_999 },
    };
    const before = strategy.order(strategyInput({ members: targets('fast', 'slow'), states }));
    expect(ids(before)).toEqual(['fast', 'slow']);
    const after = strategy.order(
      strategyInput({ members: targets('fast', 'slow'), states, now: now + 1 }),
    );
    expect(ids(after)).toEqual(['slow', 'fast']);
    // While that one exploring call runs, the others keep going to the fast target.
    const busy = strategy.order(
      strategyInput({
        members: targets('fast', 'slow'),
        states: { ...states, slow: { ...states.slow, inFlight: 1 } },
        now: now + 1,
      }),
    );
    expect(ids(busy)).toEqual(['fast', 'slow']);
  });

  it('shares traffic at random between targets within spreadRatio of the fastest', () => {
    const states = {
      a: { ttftMs: 100, sampledAt: fresh },
      b: { ttftMs: 105, sampledAt: fresh },
      c: { ttftMs: 300, sampledAt: fresh },
    };
    const firsts = new Map<string, number>();
    for (let seed = 1; seed <= 200; seed += 1) {
      const order = leastLatencyStrategy.order(
        strategyInput({ members: targets('a', 'b', 'c'), states, seed }),
      );
      expect(order[2]?.id).toBe('c');
      const first = order[0]?.id as string;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.get('a')).toBeGreaterThan(60);
    expect(firsts.get('b')).toBeGreaterThan(60);
    const strict = leastLatency({ spreadRatio: 1 }).order(
      strategyInput({ members: targets('b', 'a', 'c'), states, seed: 3 }),
    );
    expect(ids(strict)).toEqual(['a', 'b', 'c']);
  });

  it('keeps nested routes after the targets, in their listed order', () => {
    const order = leastLatencyStrategy.order(
      strategyInput({
        members: [{ kind: 'route', id: 'backup', weight: 1 }, ...targets('a')],
        states: { a: { ttftMs: 10, sampledAt: fresh } },
      }),
    );
    expect(ids(order)).toEqual(['a', 'backup']);
  });

  it('is repeatable for a seed', () => {
    const states = { a: { ttftMs: 100, sampledAt: fresh }, b: { ttftMs: 101, sampledAt: fresh } };
    const run = () =>
      ids(
        leastLatencyStrategy.order(strategyInput({ members: targets('a', 'b'), states, seed: 11 })),
      );
    expect(run()).toEqual(run());
  });

  it('scores a target by the median of its last 5 samples, so one outlier does not move it', () => {
    const order = leastLatencyStrategy.order(
      strategyInput({
        members: targets('slow', 'fast'),
        states: {
          // EWMAs say the fast one is slower; its samples say one call was.
          slow: { ttftMs: 60, ttftSamples: [60, 61, 59, 60, 60], sampledAt: fresh },
          fast: { ttftMs: 74, ttftSamples: [20, 21, 20, 20, 200], sampledAt: fresh },
        },
      }),
    );
    expect(ids(order)).toEqual(['fast', 'slow']);
  });

  it("re-measures at once a target whose latest sample is back in the fastest's group", () => {
    const states = {
      slow: { latencySamples: Array(25).fill(60), sampledAt: fresh },
      // Three stalled calls, then a fast one: the median is still 300.
      fast: { latencySamples: [...Array(22).fill(20), 300, 300, 300, 20], sampledAt: fresh },
    };
    const call = { ...strategyInput({ members: [] }).call, operation: 'generate' as const };
    const order = leastLatency({ exploreRate: 0 }).order(
      strategyInput({ members: targets('slow', 'fast'), states, call }),
    );
    expect(ids(order)).toEqual(['fast', 'slow']);
    // One call at a time: while it runs, the others stay on the fastest.
    const busy = leastLatency({ exploreRate: 0 }).order(
      strategyInput({
        members: targets('slow', 'fast'),
        states: { ...states, fast: { ...states.fast, inFlight: 1 } },
        call,
      }),
    );
    expect(ids(busy)).toEqual(['slow', 'fast']);
  });

  it('re-measures a usually-fast target after a hiccup with probability exploreRate', () => {
    const states = {
      slow: { ttftSamples: Array(25).fill(60), sampledAt: fresh },
      fast: { ttftSamples: [...Array(20).fill(20), 300, 300, 300, 300, 300], sampledAt: fresh },
      // Usually slower than the group: never re-measured this way.
      slower: { ttftSamples: Array(25).fill(90), sampledAt: fresh },
    };
    let explored = 0;
    for (let seed = 1; seed <= 400; seed += 1) {
      const order = leastLatencyStrategy.order(
        strategyInput({ members: targets('slow', 'fast', 'slower'), states, seed }),
      );
      if (order[0]?.id === 'fast') explored += 1;
      else expect(ids(order)).toEqual(['slow', 'slower', 'fast']);
    }
    expect(explored).toBeGreaterThan(20);
    expect(explored).toBeLessThan(60);
    const never = leastLatency({ exploreRate: 0 }).order(
      strategyInput({ members: targets('slow', 'fast', 'slower'), states }),
    );
    expect(ids(never)).toEqual(['slow', 'slower', 'fast']);
  });

  it('rejects options out of range with RouterConfigError naming each', () => {
    const error = (() => {
      try {
        leastLatency({ exploreRate: 1.5, spreadRatio: 0.5, exploreAfterMs: -1 });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(RouterConfigError.isInstance(error)).toBe(true);
    expect((error as RouterConfigError).issues.map((issue) => issue.path)).toEqual([
      'leastLatency.exploreAfterMs',
      'leastLatency.spreadRatio',
      'leastLatency.exploreRate',
    ]);
    expect(() => regionAware({ exploreRate: Number.NaN })).toThrow(/regionAware\.exploreRate/);
  });
});
