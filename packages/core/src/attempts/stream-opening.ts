import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { StreamBrokenError } from '../errors/attempt-timeout-error.js';
import type { ActiveAttempt } from './active-attempt.js';
import { AbortableReader } from './read-or-abort.js';

/** A stream that has delivered its first content part (or finished with none). */
export interface StreamOpening {
  result: LanguageModelV4StreamResult;
  reader: AbortableReader<LanguageModelV4StreamPart>;
  /** Parts read so far, the first content part last; replayed to the caller first. */
  buffered: LanguageModelV4StreamPart[];
  /** The upstream ended already (a finished answer without content). */
  done: boolean;
  ttftMs: number | undefined;
}

// Not 'custom': providers send it as metadata before any content (@ai-sdk/anthropic emits
// `anthropic.message_start` right after the headers), so it must not end the fail-over window.
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

/**
 * Starts a stream on one target and reads it up to its first content part. Anything that goes
 * wrong before then (a throw, an `error` part, a stream that ends without finishing) rejects,
 * so the router can fail over without the caller ever seeing it.
 */
export async function openStream(
  attempt: ActiveAttempt,
  options: LanguageModelV4CallOptions,
  now: () => number,
): Promise<StreamOpening> {
  const model = attempt.target.languageModel;
  if (!model) throw new Error(`target '${attempt.target.id}' has no language model`);
  const { signal } = attempt.controller;
  const result = await model.doStream({ ...options, abortSignal: signal });
  const reader = new AbortableReader(result.stream.getReader(), signal);
  const buffered: LanguageModelV4StreamPart[] = [];
  let finished = false;
  try {
    for (;;) {
      // The reader's raw read with its abort check here: one promise per part, not two.
      const { done, value } = await reader.readRaw();
      if (done && signal.aborted) throw signal.reason;
      if (done) {
        if (!finished)
          throw new StreamBrokenError('The stream ended before any content or finish part.');
        return { result, reader, buffered, done: true, ttftMs: undefined };
      }
      if (value.type === 'error') throw value.error;
      // The v4 providers end a stream cut short (no completion signal) with a finish part of
      // their own, reason 'interrupted': that is a broken stream, not an empty answer.
      if (value.type === 'finish' && value.finishReason.unified === 'interrupted')
        throw new StreamBrokenError('The stream ended without its completion signal.');
      buffered.push(value);
      if (value.type === 'finish') finished = true;
      else if (isContentPart(value)) {
        return { result, reader, buffered, done: false, ttftMs: now() - attempt.startedAt };
      }
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
}

/**
 * A part that ends a stream's fail-over window: content has reached the caller. Not an empty
 * delta: `@ai-sdk/openai` turns the role chunk (`content: ""`) into one, and no content has
 * reached the caller yet, so the stream may still fail over.
 */
export function isContentPart(part: LanguageModelV4StreamPart): boolean {
  return contentParts.has(part.type) && !isEmptyDelta(part);
}

function isEmptyDelta(part: LanguageModelV4StreamPart): boolean {
  return (part.type === 'text-delta' || part.type === 'reasoning-delta') && part.delta === '';
}
