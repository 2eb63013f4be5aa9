import type { Answer } from '../core/answer.js';
import type { Exchange } from '../core/exchange.js';
import {
  type CompletionMeta,
  chatUsage,
  finishReason,
  type Logprob,
  tokenLogprobs,
} from './chat-completion-fields.js';
import { openAIRequestId } from './openai-errors.js';

/**
 * Streams an answer as the API does: a role chunk, content deltas, tool-call deltas (a header
 * with id and name, then argument pieces), a finish_reason chunk, with `include_usage` a last
 * chunk whose `choices` is empty, then `[DONE]`.
 */
export async function streamChatCompletion(
  exchange: Exchange,
  {
    answer,
    meta,
    includeUsage,
    logprob,
  }: { answer: Answer; meta: CompletionMeta; includeUsage: boolean; logprob?: Logprob | undefined },
): Promise<void> {
  // With include_usage every chunk carries `usage: null` until the last one.
  const chunk = (choices: unknown[], usage: unknown = null) => ({
    ...meta,
    object: 'chat.completion.chunk',
    choices,
    ...(includeUsage ? { usage } : {}),
  });
  const choice = (
    delta: Record<string, unknown>,
    finish: string | null = null,
    logprobs: unknown = null,
  ) => ({
    index: 0,
    delta,
    logprobs,
    finish_reason: finish,
  });

  await exchange.startStream({ 'x-request-id': openAIRequestId() });
  // The API opens with the role; content is '' for a text turn, null for a tool-only turn.
  const firstContent = answer.text === '' && answer.toolCalls.length > 0 ? null : '';
  exchange.event({
    data: chunk([choice({ role: 'assistant', content: firstContent, refusal: null })]),
  });
  let tokens = 0;
  for (const text of answer.textChunks) {
    // With logprobs, each content chunk carries those of its own tokens.
    const logprobs = logprob === undefined ? null : tokenLogprobs(text, logprob, tokens);
    tokens += logprobs?.content.length ?? 0;
    await exchange.content({ data: chunk([choice({ content: text }, null, logprobs)]) });
  }
  for (const [index, call] of answer.toolCalls.entries()) {
    exchange.event({
      data: chunk([
        choice({
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      ]),
    });
    for (const piece of call.argumentChunks) {
      await exchange.content({
        data: chunk([choice({ tool_calls: [{ index, function: { arguments: piece } }] })]),
      });
    }
  }
  exchange.finish([
    { data: chunk([choice({}, finishReason(answer))]) },
    ...(includeUsage ? [{ data: chunk([], chatUsage(answer)) }] : []),
    { data: '[DONE]' },
  ]);
}
