import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { type CallerAttempt, StreamBrokenError } from '@modelmux/core';
import { type ChatCompletionIdentity, toChatCompletion } from '../openai/chat-response.js';
import { chatCompletionChunks, doneEvent } from '../openai/chat-stream.js';
import type { ChatStreamSource } from './chat-stream-source.js';

type CallOptions = Omit<LanguageModelV4CallOptions, 'abortSignal'>;

// As core's stream opening: the parts that end the fail-over window ('custom' does not).
const contentParts = new Set<LanguageModelV4StreamPart['type']>([
  'text-delta',
  'reasoning-delta',
  'tool-input-start',
  'tool-input-delta',
  'tool-call',
  'tool-result',
  'tool-approval-request',
  'file',
  'reasoning-file',
  'source',
]);

function modelOf(attempt: CallerAttempt) {
  if (!attempt.model) throw new Error(`target '${attempt.targetId}' has no language model`);
  return attempt.model;
}

/** An attempt on a target that cannot take the client's body: the AI SDK call, translated. */
export async function sdkGenerate(
  attempt: CallerAttempt,
  callOptions: CallOptions,
  identity: ChatCompletionIdentity,
): Promise<{ value: string; usage: LanguageModelV4Usage }> {
  const result = await modelOf(attempt).doGenerate({ ...callOptions, abortSignal: attempt.signal });
  return { value: JSON.stringify(toChatCompletion(result, identity)), usage: result.usage };
}

/**
 * A stream attempt through the AI SDK: resolves at the first content part (a failure before it
 * rejects, so the router fails over), then yields the translated chunks. A break after it
 * rejects `next()` (the caller ends the stream with the router's error), never a clean end.
 */
export async function sdkStream(
  attempt: CallerAttempt,
  callOptions: CallOptions,
  identity: ChatCompletionIdentity,
  includeUsage: boolean,
): Promise<ChatStreamSource> {
  const result = await modelOf(attempt).doStream({ ...callOptions, abortSignal: attempt.signal });
  const reader = result.stream.getReader();
  const buffered: LanguageModelV4StreamPart[] = [];
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (!finished)
          throw new StreamBrokenError('The stream ended before any content or finish part.');
        break;
      }
      checkPart(value);
      buffered.push(value);
      if (value.type === 'finish') finished = true;
      else if (contentParts.has(value.type) && !isEmptyDelta(value)) break;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
  let usage: LanguageModelV4Usage | undefined;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure = { error };
    throw error;
  };
  // The parts as chatCompletionChunks reads them: a broken stream throws (noted in `failure`,
  // since chatCompletionChunks turns a throw into an error event the caller replaces).
  const parts = new ReadableStream<LanguageModelV4StreamPart>(
    {
      async pull(controller) {
        let part = buffered.shift();
        if (part === undefined) {
          if (finished) {
            controller.close();
            return;
          }
          const next = await reader.read().catch(fail);
          if (next.done)
            fail(new StreamBrokenError('The upstream stream ended without a finish part.'));
          part = next.value as LanguageModelV4StreamPart;
        }
        try {
          checkPart(part);
        } catch (error) {
          fail(error);
        }
        if (part.type === 'finish') usage = part.usage;
        controller.enqueue(part);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  const chunks = chatCompletionChunks(parts, { ...identity, includeUsage });
  return {
    async next() {
      const { value, done } = await chunks.next();
      if (failure) throw failure.error;
      if (done) throw new StreamBrokenError('The stream ended without a finish part.');
      return { text: value, done: value === doneEvent };
    },
    usage: () => usage,
    close: () => {
      chunks.return(undefined).catch(() => {});
    },
  };
}

/** An error part, or a finish by interruption or error, is a broken stream. */
function checkPart(part: LanguageModelV4StreamPart): void {
  if (part.type === 'error') throw part.error;
  if (part.type !== 'finish') return;
  const reason = part.finishReason.unified;
  if (reason === 'interrupted' || reason === 'error')
    throw new StreamBrokenError(`The stream finished with reason '${reason}'.`);
}

function isEmptyDelta(part: LanguageModelV4StreamPart): boolean {
  return (part.type === 'text-delta' || part.type === 'reasoning-delta') && part.delta === '';
}
