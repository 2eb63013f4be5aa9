import { describe, expect, it } from 'vitest';
import { ids, strategyInput, targets } from '../../test/support/strategy-input.js';
import { leastLatency, leastLatencyStrategy } from './least-latency.js';

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
});
