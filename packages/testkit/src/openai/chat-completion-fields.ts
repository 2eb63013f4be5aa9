import type { Answer } from '../core/answer.js';

/** Fields every `chat.completion` object and `chat.completion.chunk` repeats. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  service_tier: 'default';
  system_fingerprint: string;
}

export function finishReason(answer: Answer): 'stop' | 'tool_calls' {
  return answer.finish === 'tool-calls' ? 'tool_calls' : 'stop';
}

/** Usage as the API reports it, details included (clients read cached and reasoning tokens). */
export function chatUsage(answer: Answer) {
  const { inputTokens, outputTokens } = answer.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
