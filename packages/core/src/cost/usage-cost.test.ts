import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { Price } from '../options/resolved-options.js';
import { costOfEmbedding, costOfUsage } from './usage-cost.js';

function usage({
  input,
  cacheRead,
  cacheWrite,
  output,
}: {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  output?: number;
}): LanguageModelV4Usage {
  return {
    inputTokens: { total: input, noCache: undefined, cacheRead, cacheWrite },
    outputTokens: { total: output, text: undefined, reasoning: undefined },
  };
}

const mini: Price = {
  inputUsdPerMillion: 0.4,
  outputUsdPerMillion: 1.6,
  cachedInputUsdPerMillion: 0.1,
};
const haiku: Price = {
  inputUsdPerMillion: 1,
  outputUsdPerMillion: 5,
  cachedInputUsdPerMillion: 0.1,
  cacheWriteUsdPerMillion: 1.25,
};

describe('costOfUsage', () => {
  it('bills input and output tokens at their rates', () => {
    // 1000 * 0.4 + 500 * 1.6 = 1200 micro-dollars
    expect(costOfUsage(mini, usage({ input: 1000, output: 500 }))).toBe(0.0012);
  });

  it('bills cache reads at the cached rate and the rest of the input at the input rate', () => {
    // (1000 - 800) * 0.4 + 800 * 0.1 + 100 * 1.6 = 80 + 80 + 160 = 320 micro-dollars
    expect(costOfUsage(mini, usage({ input: 1000, cacheRead: 800, output: 100 }))).toBeCloseTo(
      0.00032,
      15,
    );
  });

  it('bills cache reads at the input rate when the price has no cached rate', () => {
    const price: Price = { inputUsdPerMillion: 2, outputUsdPerMillion: 8 };
    // 1000 * 2 + 0 = 2000 micro-dollars, whatever part was cached
    expect(costOfUsage(price, usage({ input: 1000, cacheRead: 600, output: 0 }))).toBe(0.002);
  });

  it('bills cache writes at the cache-write rate', () => {
    // 4740 input of which 4735 written, 5 uncached; 255 output:
    // 5 * 1 + 4735 * 1.25 + 255 * 5 = 5 + 5918.75 + 1275 = 7198.75 micro-dollars
    expect(costOfUsage(haiku, usage({ input: 4740, cacheWrite: 4735, output: 255 }))).toBeCloseTo(
      0.00719875,
      15,
    );
  });

  it('bills cache writes at the input rate when the price has no write rate', () => {
    // 1000 * 0.4 = 400 micro-dollars
    expect(costOfUsage(mini, usage({ input: 1000, cacheWrite: 1000 }))).toBeCloseTo(0.0004, 15);
  });

  it('counts a missing output total as zero', () => {
    expect(costOfUsage(mini, usage({ input: 1_000_000 }))).toBe(0.4);
  });

  it('counts a missing input total as zero', () => {
    expect(costOfUsage(mini, usage({ output: 1_000_000 }))).toBe(1.6);
  });

  it('is undefined when the provider reported neither total', () => {
    expect(costOfUsage(mini, usage({}))).toBeUndefined();
  });

  it('is undefined without a price or a usage', () => {
    expect(costOfUsage(undefined, usage({ input: 10, output: 10 }))).toBeUndefined();
    expect(costOfUsage(mini, undefined)).toBeUndefined();
  });

  it('never bills negative uncached input when cache reads exceed the total', () => {
    // 0 uncached + 2000 * 0.1 = 200 micro-dollars
    expect(costOfUsage(mini, usage({ input: 1000, cacheRead: 2000 }))).toBeCloseTo(0.0002, 15);
  });

  it('bills the whole call at the long-context tier once input passes it', () => {
    const pro: Price = {
      inputUsdPerMillion: 1.25,
      outputUsdPerMillion: 10,
      tiers: [{ aboveInputTokens: 200_000, inputUsdPerMillion: 2.5, outputUsdPerMillion: 15 }],
    };
    // At the threshold the base rates still apply: 200000 * 1.25 + 1000 * 10
    expect(costOfUsage(pro, usage({ input: 200_000, output: 1000 }))).toBe(0.26);
    // One token over: 200001 * 2.5 + 1000 * 15
    expect(costOfUsage(pro, usage({ input: 200_001, output: 1000 }))).toBeCloseTo(0.5150025, 12);
  });

  it('picks the highest tier the input passed, in any order', () => {
    const price: Price = {
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 1,
      tiers: [
        { aboveInputTokens: 500_000, inputUsdPerMillion: 3, outputUsdPerMillion: 3 },
        { aboveInputTokens: 100_000, inputUsdPerMillion: 2, outputUsdPerMillion: 2 },
      ],
    };
    expect(costOfUsage(price, usage({ input: 300_000 }))).toBe(0.6);
    expect(costOfUsage(price, usage({ input: 1_000_000 }))).toBe(3);
  });
});

describe('costOfEmbedding', () => {
  it('bills tokens at the input rate', () => {
    expect(costOfEmbedding({ inputUsdPerMillion: 0.02, outputUsdPerMillion: 0 }, 50_000)).toBe(
      0.001,
    );
  });

  it('is undefined without a price or a token count', () => {
    expect(costOfEmbedding(undefined, 100)).toBeUndefined();
    expect(costOfEmbedding(mini, undefined)).toBeUndefined();
  });
});
