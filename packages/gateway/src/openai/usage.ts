import type { LanguageModelV4Usage } from '@ai-sdk/provider';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** OpenAI's usage object; a count the provider did not report reads 0. */
export function openAIUsage(usage: LanguageModelV4Usage | undefined): OpenAIUsage {
  const promptTokens = usage?.inputTokens.total ?? 0;
  const completionTokens = usage?.outputTokens.total ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: usage?.inputTokens.cacheRead ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage?.outputTokens.reasoning ?? 0 },
  };
}
