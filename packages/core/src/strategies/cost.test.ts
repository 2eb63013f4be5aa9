import { describe, expect, it } from 'vitest';
import { ids, strategyInput, streamCall, targets } from '../../test/support/strategy-input.js';
import { costStrategy } from './cost.js';

const cheapInput = { inputUsdPerMillion: 0.1, outputUsdPerMillion: 10 };
const cheapOutput = { inputUsdPerMillion: 5, outputUsdPerMillion: 1 };

describe('cost', () => {
  it('puts the cheapest target for this call first, unpriced targets after the priced', () => {
    const order = costStrategy.order(
      strategyInput({
        members: targets('unknown', 'dear', 'cheap'),
        states: {
          dear: { price: { inputUsdPerMillion: 3, outputUsdPerMillion: 15 } },
          cheap: { price: { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 } },
        },
      }),
    );
    expect(ids(order)).toEqual(['cheap', 'dear', 'unknown']);
  });

  it('weighs input and output by the call: a long prompt with a short answer, and the reverse', () => {
    const states = { a: { price: cheapInput }, b: { price: cheapOutput } };
    const longPrompt = streamCall('word '.repeat(20_000), 10);
    const longAnswer = streamCall('hi', 4_000);
    expect(
      ids(
        costStrategy.order(strategyInput({ members: targets('b', 'a'), states, call: longPrompt })),
      ),
    ).toEqual(['a', 'b']);
    expect(
      ids(
        costStrategy.order(strategyInput({ members: targets('a', 'b'), states, call: longAnswer })),
      ),
    ).toEqual(['b', 'a']);
  });

  it('keeps the listed order for equal prices', () => {
    const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 1 };
    const order = costStrategy.order(
      strategyInput({
        members: targets('x', 'y', 'z'),
        states: { x: { price }, y: { price }, z: { price } },
      }),
    );
    expect(ids(order)).toEqual(['x', 'y', 'z']);
  });
});
