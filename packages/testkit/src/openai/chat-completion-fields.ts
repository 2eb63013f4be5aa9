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

/** What a reply says of its tokens' log-probabilities (see `Reply.logprob`). */
export type Logprob = number | readonly number[];

export const defaultLogprob = -0.05;

/**
 * A choice's `logprobs` as the API sends it: one entry per token of `text` (a word and the space
 * after it, as the fake's tokens), each with its log-probability and no alternatives. A stream's
 * chunk passes the index of its first token in the whole answer.
 */
export function tokenLogprobs(text: string, logprob: Logprob, firstIndex = 0) {
  const tokens = text.match(/\S+\s*|\s+/g) ?? [];
  const valueAt = (index: number): number =>
    typeof logprob === 'number'
      ? logprob
      : (logprob[Math.min(index, logprob.length - 1)] ?? defaultLogprob);
  return {
    content: tokens.map((token, index) => ({
      token,
      logprob: valueAt(firstIndex + index),
      bytes: [...Buffer.from(token, 'utf8')],
      top_logprobs: [],
    })),
    refusal: null,
  };
}
