import type { LanguageModelV4 } from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import type { ResolvedTarget } from '../options/resolved-options.js';
import { type CallFacts, callFactsOf, embedCallFacts } from './call-facts.js';
import { whyTargetCannotTake } from './target-fit.js';

const dummyModel: LanguageModelV4 = {
  specificationVersion: 'v4',
  provider: 'openai.chat',
  modelId: 'gpt-4o-mini',
  supportedUrls: {},
  doGenerate: () => Promise.reject(new Error('not called')),
  doStream: () => Promise.reject(new Error('not called')),
};

function target(overrides: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    id: 'mini',
    kind: 'language',
    languageModel: dummyModel,
    embeddingModel: undefined,
    provider: 'openai',
    modelId: 'gpt-4o-mini',
    region: undefined,
    price: undefined,
    priceSource: 'unknown',
    contextWindow: 128_000,
    capabilities: { tools: true, vision: true, json: true, prefill: false },
    weight: 1,
    timeouts: {},
    ...overrides,
  };
}

function facts(overrides: Partial<CallFacts> = {}): CallFacts {
  return {
    operation: 'generate',
    hasTools: false,
    hasImages: false,
    wantsJson: false,
    inputChars: 100,
    estimatedInputTokens: () => 30,
    maxOutputTokens: undefined,
    contextChars: 100,
    contextOverheadTokens: 7,
    estimatedContextTokens: () => 30,
    metadata: {},
    ...overrides,
  };
}

describe('whyTargetCannotTake', () => {
  it('takes a call that needs nothing special', () => {
    expect(whyTargetCannotTake(target(), facts())).toBeUndefined();
  });

  it('skips a target without tools for a call with tools', () => {
    const noTools = target({
      capabilities: { tools: false, vision: true, json: true, prefill: false },
    });
    expect(whyTargetCannotTake(noTools, facts({ hasTools: true }))?.code).toBe('no-tools');
    expect(whyTargetCannotTake(noTools, facts())).toBeUndefined();
  });

  it('skips a target without vision for a call with images', () => {
    const blind = target({
      capabilities: { tools: true, vision: false, json: true, prefill: false },
    });
    expect(whyTargetCannotTake(blind, facts({ hasImages: true }))?.code).toBe('no-vision');
  });

  it('skips a target without JSON mode for a call that wants JSON', () => {
    const noJson = target({
      capabilities: { tools: true, vision: true, json: false, prefill: false },
    });
    expect(whyTargetCannotTake(noJson, facts({ wantsJson: true }))).toEqual({
      code: 'no-json',
      message: 'the call asks for JSON output; the target cannot force it',
    });
  });

  it('never tokenizes when the target has no known window', () => {
    const estimate = vi.fn(() => 1_000_000);
    const call = facts({ contextChars: 5_000_000, estimatedContextTokens: estimate });
    expect(whyTargetCannotTake(target({ contextWindow: undefined }), call)).toBeUndefined();
    expect(estimate).not.toHaveBeenCalled();
  });

  it('never tokenizes when the characters and framing fit the window', () => {
    const estimate = vi.fn(() => 1_000_000);
    const call = facts({
      contextChars: 127_993,
      contextOverheadTokens: 7,
      estimatedContextTokens: estimate,
    });
    expect(whyTargetCannotTake(target(), call)).toBeUndefined();
    expect(estimate).not.toHaveBeenCalled();
  });

  it('takes a long prompt whose estimated tokens fit although its characters do not', () => {
    const estimate = vi.fn(() => 60_000);
    const call = facts({ contextChars: 240_000, estimatedContextTokens: estimate });
    expect(whyTargetCannotTake(target(), call)).toBeUndefined();
    expect(estimate).toHaveBeenCalledTimes(1);
  });

  it('skips a target whose window the estimated input exceeds', () => {
    const call = facts({ contextChars: 520_000, estimatedContextTokens: () => 130_000 });
    expect(whyTargetCannotTake(target(), call)).toEqual({
      code: 'context-window',
      message: 'needs ~130000 input tokens; window is 128000',
    });
  });

  it('counts the maxOutputTokens the call sets against the window', () => {
    const call = facts({
      contextChars: 500_000,
      estimatedContextTokens: () => 120_000,
      maxOutputTokens: 16_000,
    });
    expect(whyTargetCannotTake(target(), call)).toEqual({
      code: 'context-window',
      message: 'needs ~120000 input tokens + 16000 output tokens; window is 128000',
    });
    expect(whyTargetCannotTake(target({ contextWindow: 200_000 }), call)).toBeUndefined();
  });

  it('checks real call facts end to end', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(2000); // 90000 chars, 20001 tokens
    const call = callFactsOf({
      operation: 'generate',
      options: { prompt: [{ role: 'user', content: [{ type: 'text', text }] }] },
    });
    expect(whyTargetCannotTake(target({ contextWindow: 32_000 }), call)).toBeUndefined();
    expect(whyTargetCannotTake(target({ contextWindow: 16_000 }), call)).toEqual({
      code: 'context-window',
      message: `needs ~${20_001 + 4 + 3} input tokens; window is 16000`,
    });
  });

  it('checks each embedding value against the window, not their sum', () => {
    const embedder = target({ kind: 'embedding', languageModel: undefined, contextWindow: 8_192 });
    const value = 'word '.repeat(8_000); // 40000 chars, 8001 tokens (the trailing space is one)
    expect(
      whyTargetCannotTake(embedder, embedCallFacts({ values: [value, value, value] })),
    ).toBeUndefined();
    const tooLong = 'word '.repeat(9_000);
    expect(whyTargetCannotTake(embedder, embedCallFacts({ values: [value, tooLong] }))).toEqual({
      code: 'context-window',
      message: 'needs ~9001 tokens for its longest value; window is 8192',
    });
  });
});
