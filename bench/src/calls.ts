import { generateText, type LanguageModel, streamText } from 'ai';
import { replyText } from './protocol.js';

const prompt = 'Describe the night sea in twenty words.';

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
export async function generateOnce(model: LanguageModel): Promise<GenerateSample> {
  const started = performance.now();
  try {
    const { text } = await generateText({ model, prompt, maxRetries: 0 });
    return { ok: text === replyText, ms: performance.now() - started };
  } catch {
    return { ok: false, ms: performance.now() - started };
  }
}

/** One streamText call read to its end; an error part or a short answer counts as lost. */
export async function streamOnce(model: LanguageModel): Promise<StreamSample> {
  const started = performance.now();
  let ttftMs = Number.NaN;
  let text = '';
  let failed = false;
  try {
    const result = streamText({ model, prompt, maxRetries: 0, onError: () => {} });
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
