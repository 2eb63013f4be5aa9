import type { LanguageModelV4FinishReason, LanguageModelV4Usage } from '@ai-sdk/provider';

export interface AnthropicUsage {
  /** Input tokens not read from or written to the cache, as Anthropic counts them. */
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Anthropic's usage object; a count the provider did not report reads 0. */
export function anthropicUsage(usage: LanguageModelV4Usage | undefined): AnthropicUsage {
  const input = usage?.inputTokens;
  const cacheRead = input?.cacheRead ?? 0;
  const cacheWrite = input?.cacheWrite ?? 0;
  return {
    input_tokens: input?.noCache ?? Math.max(0, (input?.total ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.outputTokens.total ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'refusal';

/** Anthropic's stop reason for a V4 finish reason; an answer with tool calls stops for them. */
export function anthropicStopReason(
  finishReason: LanguageModelV4FinishReason,
  hasToolCalls: boolean,
): AnthropicStopReason {
  if (finishReason.unified === 'length') return 'max_tokens';
  if (finishReason.unified === 'content-filter') return 'refusal';
  if (finishReason.unified === 'tool-calls' || hasToolCalls) return 'tool_use';
  // Only Anthropic targets say which way they stopped; a stop sequence reads as such.
  return finishReason.raw === 'stop_sequence' ? 'stop_sequence' : 'end_turn';
}
