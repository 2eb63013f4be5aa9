import { generateText, type LanguageModel, streamText } from 'ai';
import { replyText } from './protocol.js';

const prompt = 'Describe the night sea in twenty words.';

/** What a call goes to: a model, and whether the call carries an AbortSignal of its own. */
export interface CallTarget {
  model: LanguageModel;
  /** Pass a fresh AbortSignal with each call, as an app that can cancel its calls does. */
  abortable?: boolean;
}

export interface GenerateSample {
  ok: boolean;
  ms: number;
}

export interface StreamSample {
  ok: boolean;
  /** From the call to the first text delta; NaN when none arrived. */
  ttftMs: number;
  totalMs: number;
}

/**
 * One generateText call. It counts as lost unless it returns the upstream's full answer; the
 * SDK's own retries are off (`maxRetries: 0`) on every row, so the library under test is the
 * only thing that may retry.
 */
export async function generateOnce({ model, abortable }: CallTarget): Promise<GenerateSample> {
  const started = performance.now();
  try {
    const abortSignal = abortable ? new AbortController().signal : undefined;
    const { text } = await generateText({ model, prompt, maxRetries: 0, abortSignal });
    return { ok: text === replyText, ms: performance.now() - started };
  } catch {
    return { ok: false, ms: performance.now() - started };
  }
}

/** One streamText call read to its end; an error part or a short answer counts as lost. */
export async function streamOnce({ model, abortable }: CallTarget): Promise<StreamSample> {
  const started = performance.now();
  let ttftMs = Number.NaN;
  let text = '';
  let failed = false;
  try {
    const abortSignal = abortable ? new AbortController().signal : undefined;
    const result = streamText({ model, prompt, maxRetries: 0, abortSignal, onError: () => {} });
    for await (const part of result.stream) {
      if (part.type === 'text-delta') {
        if (text === '') ttftMs = performance.now() - started;
        text += part.text;
      } else if (part.type === 'error') {
        failed = true;
      }
    }
  } catch {
    failed = true;
  }
  return { ok: !failed && text === replyText, ttftMs, totalMs: performance.now() - started };
}
