import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPrice } from './price-table.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('defaultPrice', () => {
  it('prices gpt-4.1-mini from the bundled table', () => {
    expect(defaultPrice({ provider: 'openai', modelId: 'gpt-4.1-mini' })).toEqual({
      inputUsdPerMillion: 0.4,
      outputUsdPerMillion: 1.6,
      cachedInputUsdPerMillion: 0.1,
    });
  });

  it('prices Anthropic models with cache-read and cache-write rates', () => {
    expect(defaultPrice({ provider: 'anthropic', modelId: 'claude-3-5-haiku-latest' })).toEqual({
      inputUsdPerMillion: 0.8,
      outputUsdPerMillion: 4,
      cachedInputUsdPerMillion: 0.08,
      cacheWriteUsdPerMillion: 1,
    });
    expect(defaultPrice({ provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' })).toEqual({
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 5,
      cachedInputUsdPerMillion: 0.1,
      cacheWriteUsdPerMillion: 1.25,
    });
  });

  it('prices gemini-2.5-flash', () => {
    expect(defaultPrice({ provider: 'google', modelId: 'gemini-2.5-flash' })).toEqual({
      inputUsdPerMillion: 0.3,
      outputUsdPerMillion: 2.5,
      cachedInputUsdPerMillion: 0.03,
    });
  });

  it('carries the long-context tier of gemini-2.5-pro', () => {
    expect(defaultPrice({ provider: 'google', modelId: 'gemini-2.5-pro' })).toEqual({
      inputUsdPerMillion: 1.25,
      outputUsdPerMillion: 10,
      cachedInputUsdPerMillion: 0.125,
      tiers: [
        {
          aboveInputTokens: 200_000,
          inputUsdPerMillion: 2.5,
          outputUsdPerMillion: 15,
          cachedInputUsdPerMillion: 0.25,
        },
      ],
    });
  });

  it('prices an embedding model with no output rate', () => {
    expect(defaultPrice({ provider: 'openai', modelId: 'text-embedding-3-small' })).toEqual({
      inputUsdPerMillion: 0.02,
      outputUsdPerMillion: 0,
    });
  });

  it('maps Bedrock to the table and matches regional model ids', () => {
    expect(
      defaultPrice({
        provider: 'amazon-bedrock',
        modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      })?.inputUsdPerMillion,
    ).toBe(1.1);
  });

  it('returns undefined for a model the table does not know', () => {
    expect(defaultPrice({ provider: 'openai', modelId: 'no-such-model-xyz' })).toBeUndefined();
  });

  it('returns undefined for a provider the table does not know', () => {
    expect(defaultPrice({ provider: 'ollama', modelId: 'llama3.2' })).toBeUndefined();
  });

  it('does not price an OpenAI-compatible server as OpenAI', () => {
    expect(
      defaultPrice({ provider: 'openai-compatible', modelId: 'gpt-4.1-mini' }),
    ).toBeUndefined();
  });

  it('keeps the peak rate of a model with off-peak discounts, whatever the hour', () => {
    // deepseek-chat: 0.27 in peak hours (00:30-16:30 UTC), 0.135 off-peak.
    expect(
      defaultPrice({ provider: 'deepseek', modelId: 'deepseek-chat' })?.inputUsdPerMillion,
    ).toBe(0.27);
  });

  it('answers a repeated lookup from memory with the same object', () => {
    const first = defaultPrice({ provider: 'openai', modelId: 'gpt-4o-mini' });
    expect(first).toBeDefined();
    expect(defaultPrice({ provider: 'openai', modelId: 'gpt-4o-mini' })).toBe(first);
  });

  it('hands out frozen prices, since every target of a model shares one', () => {
    const pro = defaultPrice({ provider: 'google', modelId: 'gemini-2.5-pro' });
    expect([
      Object.isFrozen(pro),
      Object.isFrozen(pro?.tiers),
      Object.isFrozen(pro?.tiers?.[0]),
    ]).toEqual([true, true, true]);
  });

  it('does no network I/O', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    defaultPrice({ provider: 'openai', modelId: 'gpt-5' });
    defaultPrice({ provider: 'anthropic', modelId: 'claude-sonnet-4-5' });
    defaultPrice({ provider: 'openai', modelId: 'unknown-model-for-fetch-test' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
