import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { addUsage } from './add-usage.js';

describe('addUsage', () => {
  it('sums every count and keeps unknown only where both sides lack it', () => {
    const a: LanguageModelV4Usage = {
      inputTokens: { total: 100, noCache: 60, cacheRead: 40, cacheWrite: undefined },
      outputTokens: { total: 20, text: 20, reasoning: undefined },
      raw: { prompt_tokens: 100 },
    };
    const b: LanguageModelV4Usage = {
      inputTokens: { total: 50, noCache: undefined, cacheRead: 10, cacheWrite: undefined },
      outputTokens: { total: 30, text: 10, reasoning: 20 },
    };
    expect(addUsage(a, b)).toEqual({
      inputTokens: { total: 150, noCache: 60, cacheRead: 50, cacheWrite: undefined },
      outputTokens: { total: 50, text: 30, reasoning: 20 },
    });
  });
});
