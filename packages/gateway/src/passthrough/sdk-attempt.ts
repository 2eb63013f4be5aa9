import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { type CallerAttempt, isContentPart, StreamBrokenError } from '@modelmux/core';
import type { StreamSource } from './stream-source.js';

type CallOptions = Omit<LanguageModelV4CallOptions, 'abortSignal'>;

/** How the client's protocol writes an answer: the translated path's own functions. */
export interface Translation {
  /** A generate result as the client's JSON answer. */
  answer(result: LanguageModelV4GenerateResult): unknown;
  /** Stream parts as the client's SSE events; an error ends them with an error event. */
  events(parts: ReadableStream<LanguageModelV4StreamPart>): AsyncGenerator<string, void, undefined>;
  /** Whether the events ended cleanly with this one (`[DONE]`, `message_stop`). */
  isEnd(event: string): boolean;
}

function modelOf(attempt: CallerAttempt) {
  if (!attempt.model) throw new Error(`target '${attempt.targetId}' has no language model`);
  return attempt.model;
}

/** An attempt on a target that cannot take the client's body: the AI SDK call, translated. */
export async function sdkGenerate(
  attempt: CallerAttempt,
  callOptions: CallOptions,
  translation: Translation,
): Promise<{ value: string; usage: LanguageModelV4Usage }> {
  const result = await modelOf(attempt).doGenerate({ ...callOptions, abortSignal: attempt.signal });
  return { value: JSON.stringify(translation.answer(result)), usage: result.usage };
}

/**
 * A stream attempt through the AI SDK: resolves at the first content part (a failure before it
 * rejects, so the router fails over), then yields the translated events. A break after it
 * rejects `next()` (the caller ends the stream with the router's error), never a clean end.
 */
export async function sdkStream(
  attempt: CallerAttempt,
  callOptions: CallOptions,
  translation: Translation,
): Promise<StreamSource> {
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
      else if (isContentPart(value)) break;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
  let usage: LanguageModelV4Usage | undefined;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): never => {
    failure = { error };
    throw error;
  };
  // The parts as the translation reads them: a broken stream throws (noted in `failure`, since
  // the translation turns a throw into an error event, which the caller replaces with its own).
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
  const events = translation.events(parts);
  return {
    async next() {
      const { value, done } = await events.next();
      if (failure) throw failure.error;
      if (done) throw new StreamBrokenError('The stream ended without a finish part.');
      return { text: value, done: translation.isEnd(value) };
    },
    usage: () => usage,
    close: () => {
      events.return(undefined).catch(() => {});
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
