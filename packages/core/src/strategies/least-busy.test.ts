import { describe, expect, it } from 'vitest';
import { ids, strategyInput, targets } from '../../test/support/strategy-input.js';
import { leastBusyStrategy } from './least-busy.js';

describe('least-busy', () => {
  it('puts the target with the fewest attempts in flight first', () => {
    const order = leastBusyStrategy.order(
      strategyInput({
        members: targets('a', 'b', 'c'),
        states: { a: { inFlight: 5 }, b: { inFlight: 1 }, c: { inFlight: 3 } },
      }),
    );
    expect(ids(order)).toEqual(['b', 'c', 'a']);
  });

  it('spreads calls evenly over equally busy targets, repeatably for a seed', () => {
    const counts = { a: 0, b: 0 };
    for (let seed = 1; seed <= 200; seed += 1) {
      const first = leastBusyStrategy.order(strategyInput({ members: targets('a', 'b'), seed }))[0]
        ?.id as 'a' | 'b';
      counts[first] += 1;
    }
    expect(counts.a).toBeGreaterThan(70);
    expect(counts.b).toBeGreaterThan(70);
    const once = ids(
      leastBusyStrategy.order(strategyInput({ members: targets('a', 'b'), seed: 5 })),
    );
    expect(
      ids(leastBusyStrategy.order(strategyInput({ members: targets('a', 'b'), seed: 5 }))),
    ).toEqual(once);
  });

  it('keeps nested routes last', () => {
    const order = leastBusyStrategy.order(
      strategyInput({
        members: [{ kind: 'route', id: 'more', weight: 1 }, ...targets('a')],
        states: { a: { inFlight: 9 } },
      }),
    );
    expect(ids(order)).toEqual(['a', 'more']);
  });
});
