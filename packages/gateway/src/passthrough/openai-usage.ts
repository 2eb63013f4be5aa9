import type { LanguageModelV4Usage } from '@ai-sdk/provider';

/** OpenAI's usage object as the upstream sent it (only what cost needs is read). */
export interface UpstreamUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** OpenAI's usage as the AI SDK reports it, for the router's cost and token counts. */
export function usageFromOpenAI(
  usage: UpstreamUsage | null | undefined,
): LanguageModelV4Usage | undefined {
  if (usage === null || usage === undefined || typeof usage !== 'object') return undefined;
  const input = numberOr(usage.prompt_tokens);
  const output = numberOr(usage.completion_tokens);
  const cached = numberOr(usage.prompt_tokens_details?.cached_tokens) ?? 0;
  const reasoning = numberOr(usage.completion_tokens_details?.reasoning_tokens) ?? 0;
  return {
    inputTokens: {
      total: input,
      noCache: input === undefined ? undefined : input - cached,
      cacheRead: cached,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: output,
      text: output === undefined ? undefined : output - reasoning,
      reasoning,
    },
  };
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
