import { describe, expect, it } from 'vitest';
import { ids, strategyInput, targets } from '../../test/support/strategy-input.js';
import { regionAware, regionStrategy } from './region.js';

const now = 1_000_000;
const at = (region: string, ttftMs: number) => ({ region, ttftMs, sampledAt: now - 100 });
const states = {
  'us-1': at('us-east-1', 50),
  'eu-fast': at('eu-west-1', 200),
  'eu-slow': at('eu-west-1', 400),
  fra: at('eu-central-1', 100),
  anywhere: { ttftMs: 10, sampledAt: now - 100 },
};
const members = targets('us-1', 'eu-slow', 'fra', 'anywhere', 'eu-fast');

describe('region', () => {
  it('puts the caller-region targets first, fastest first, then the rest by latency', () => {
    const order = regionStrategy.order(strategyInput({ members, states, region: 'eu-west-1' }));
    expect(ids(order).slice(0, 2)).toEqual(['eu-fast', 'eu-slow']);
    expect(ids(order).slice(2)).toEqual(['anywhere', 'us-1', 'fra']);
  });

  it('follows the nearest list after the caller region', () => {
    const strategy = regionAware({ nearest: { 'eu-west-1': ['eu-central-1', 'us-east-1'] } });
    const order = strategy.order(strategyInput({ members, states, region: 'eu-west-1' }));
    expect(ids(order)).toEqual(['eu-fast', 'eu-slow', 'fra', 'us-1', 'anywhere']);
  });

  it('orders by latency alone when the call names no region', () => {
    const order = regionStrategy.order(strategyInput({ members, states }));
    expect(ids(order)).toEqual(['anywhere', 'us-1', 'fra', 'eu-fast', 'eu-slow']);
  });

  it('explores a stale target within its own region tier only', () => {
    const stale = {
      ...states,
      'eu-slow': { region: 'eu-west-1', ttftMs: 400, sampledAt: now - 60_000 },
    };
    const order = regionStrategy.order(
      strategyInput({ members, states: stale, region: 'eu-west-1' }),
    );
    expect(ids(order).slice(0, 2)).toEqual(['eu-slow', 'eu-fast']);
  });

  it("re-measures a target within the caller's region after a hiccup, before other regions", () => {
    const hiccup = {
      'eu-a': { region: 'eu-west-1', ttftSamples: Array(25).fill(200), sampledAt: now - 100 },
      // Usually as fast, knocked out by three stalled calls; its latest sample is fast again.
      'eu-b': {
        region: 'eu-west-1',
        ttftSamples: [...Array(21).fill(200), 900, 900, 900, 200],
        sampledAt: now - 100,
      },
      'us-1': { region: 'us-east-1', ttftSamples: Array(25).fill(50), sampledAt: now - 100 },
    };
    const order = regionStrategy.order(
      strategyInput({
        members: targets('us-1', 'eu-a', 'eu-b'),
        states: hiccup,
        region: 'eu-west-1',
      }),
    );
    expect(ids(order)).toEqual(['eu-b', 'eu-a', 'us-1']);
  });
});
