import type { LanguageModelV4Usage } from '@ai-sdk/provider';

/** Anthropic's usage object as the upstream sent it (only what cost needs is read). */
export interface AnthropicUpstreamUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * Anthropic's usage as the AI SDK reports it, for the router's cost: `input_tokens` counts only
 * the uncached input, so the total adds the cache reads and writes.
 */
export function usageFromAnthropic(
  usage: AnthropicUpstreamUsage | null | undefined,
): LanguageModelV4Usage | undefined {
  if (usage === null || usage === undefined || typeof usage !== 'object') return undefined;
  const noCache = count(usage.input_tokens);
  const cacheRead = count(usage.cache_read_input_tokens) ?? 0;
  const cacheWrite = count(usage.cache_creation_input_tokens) ?? 0;
  const output = count(usage.output_tokens);
  return {
    inputTokens: {
      total: noCache === undefined ? undefined : noCache + cacheRead + cacheWrite,
      noCache,
      cacheRead,
      cacheWrite,
    },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
