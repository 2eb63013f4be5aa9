import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { ClassifiedError } from '../errors/error-class.js';
import type { ActiveAttempt } from './active-attempt.js';
import type { RoutedCall } from './routed-call.js';
import { openStream, type StreamOpening } from './stream-opening.js';

/**
 * Mid-stream continuation (opt-in, `route.continuation: 'prefill'`): when a stream breaks after
 * text has reached the caller, the next prefill-capable target is asked to go on from the partial
 * answer, sent as a trailing assistant message. Its parts are spliced into the caller's stream so
 * that it reads as one answer. This file holds what the splice needs: which streams qualify, the
 * prefilled prompt, and the filter over the continuation's parts.
 */

/** What the caller has received so far, as the continuation needs it. */
export class DeliveredText {
  /** The text of every text-delta delivered. */
  text = '';
  /** The id of a text block started and not yet ended. */
  openTextId: string | undefined;
  /** Something other than text reached the caller (reasoning, a tool call, a file...). */
  otherContent = false;

  see(part: LanguageModelV4StreamPart): void {
    switch (part.type) {
      case 'text-delta':
        this.text += part.delta;
        return;
      case 'text-start':
        this.openTextId = part.id;
        return;
      case 'text-end':
        if (this.openTextId === part.id) this.openTextId = undefined;
        return;
      case 'reasoning-delta':
        if (part.delta !== '') this.otherContent = true;
        return;
      case 'tool-input-start':
      case 'tool-input-delta':
      case 'tool-call':
      case 'tool-result':
      case 'tool-approval-request':
      case 'file':
      case 'reasoning-file':
      case 'source':
        this.otherContent = true;
        return;
      default:
    }
  }

  /** Only a plain text answer can be continued from a prefix. */
  get continuable(): boolean {
    return !this.otherContent && this.text.trim() !== '';
  }
}

/**
 * The call's prompt with the partial answer as a trailing assistant message. Trailing
 * whitespace is cut (Anthropic refuses a prefill that ends with it); `cut` is what was removed,
 * which the continuation may repeat and the splice then drops.
 */
export function prefilledOptions(
  options: LanguageModelV4CallOptions,
  text: string,
): { options: LanguageModelV4CallOptions; cut: string } {
  const prefix = text.trimEnd();
  const prompt: LanguageModelV4Prompt = [
    ...options.prompt,
    { role: 'assistant', content: [{ type: 'text', text: prefix }] },
  ];
  return { options: { ...options, prompt }, cut: text.slice(prefix.length) };
}

/**
 * Rewrites a continuation's parts so that they extend the caller's stream: its stream-start and
 * response-metadata are dropped (the caller had them), its first text block joins the block the
 * caller has open, and whitespace the prefix lost is not repeated. Returns the parts to deliver.
 */
export function createSplice({
  openTextId,
  cut,
}: {
  openTextId: string | undefined;
  cut: string;
}): (part: LanguageModelV4StreamPart) => LanguageModelV4StreamPart | undefined {
  /** The continuation's first text block id, while it is mapped onto the caller's open one. */
  let joined: string | undefined;
  let joinPending = openTextId !== undefined;
  let skip = cut;
  return (part) => {
    switch (part.type) {
      case 'stream-start':
      case 'response-metadata':
        return undefined;
      case 'text-start':
        if (joinPending) {
          joinPending = false;
          joined = part.id;
          return undefined;
        }
        return part;
      case 'text-delta': {
        let delta = part.delta;
        // The caller already has the whitespace cut from the prefix: drop it where the
        // continuation repeats it, character by character across deltas.
        while (skip !== '' && delta !== '' && delta[0] === skip[0]) {
          delta = delta.slice(1);
          skip = skip.slice(1);
        }
        if (delta !== '' || part.delta === '') skip = '';
        if (delta === '' && part.delta !== '') return undefined;
        const id = part.id === joined ? (openTextId as string) : part.id;
        return id === part.id && delta === part.delta ? part : { ...part, id, delta };
      }
      case 'text-end':
        if (part.id === joined) {
          joined = undefined;
          return { ...part, id: openTextId as string };
        }
        return part;
      default:
        return part;
    }
  };
}

/** Targets seen refusing a prefill, per router: a continuation skips them from then on. */
const refusals = new WeakMap<object, Set<string>>();

function refusedBy(router: object): Set<string> {
  let refused = refusals.get(router);
  if (!refused) {
    refused = new Set();
    refusals.set(router, refused);
  }
  return refused;
}

/** What the stream body asks of a route that continues broken streams. */
export interface StreamResumer {
  /** A fresh record of what reaches the caller. */
  track(): DeliveredText;
  /**
   * Starts the continuation on the next target that may take it, or answers undefined when none
   * may (the stream then ends with its error part, as without continuation).
   */
  start(input: {
    call: RoutedCall;
    broken: ActiveAttempt;
    classified: ClassifiedError;
    usage: LanguageModelV4Usage | undefined;
    delivered: DeliveredText;
  }):
    | {
        started: Promise<{ value: StreamOpening; attempt: ActiveAttempt }>;
        splice: (part: LanguageModelV4StreamPart) => LanguageModelV4StreamPart | undefined;
      }
    | undefined;
}

/**
 * The continuation of one streamed call: `options` are the call's own; `router` keys the
 * router-wide memory of targets that refused a prefill.
 */
export function createStreamResumer({
  options,
  now,
  router,
}: {
  options: LanguageModelV4CallOptions;
  now: () => number;
  router: object;
}): StreamResumer {
  const refused = refusedBy(router);
  return {
    track: () => new DeliveredText(),
    start({ call, broken, classified, usage, delivered }) {
      if (!delivered.continuable) return undefined;
      const prefilled = prefilledOptions(options, delivered.text);
      const started = call.resume((active) => openStream(active, prefilled.options, now), {
        broken,
        classified,
        usage,
        atChar: delivered.text.length,
        accept: (target) => target.capabilities.prefill && !refused.has(target.id),
      });
      if (!started) return undefined;
      const remember = () => {
        for (const attempt of call.trace.attempts)
          if (attempt.continues && attempt.reason === 'prefill-unsupported')
            refused.add(attempt.target);
      };
      return {
        started: started.finally(remember),
        splice: createSplice({ openTextId: delivered.openTextId, cut: prefilled.cut }),
      };
    },
  };
}
