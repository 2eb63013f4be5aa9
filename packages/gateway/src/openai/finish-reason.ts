import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * OpenAI's finish reason for a V4 one. OpenAI has no `error`, `interrupted` or `other`: they read
 * `stop` (a broken stream never gets here: it ends with an error event instead). An answer that
 * holds tool calls finishes with `tool_calls` whatever the provider said, since clients run the
 * tools only then.
 */
export function openAIFinishReason(
  finishReason: LanguageModelV4FinishReason,
  hasToolCalls: boolean,
): OpenAIFinishReason {
  switch (finishReason.unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
