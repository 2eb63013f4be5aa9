import { createRequire } from 'node:module';
import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { type PromptTextVisitor, visitPromptText, visitToolText } from './prompt-text.js';

/** What chat framing adds to each message (role, separators), as OpenAI's cookbook counts it. */
export const tokensPerMessage = 4;
/** What priming the assistant's reply adds once per prompt. */
export const replyPrimingTokens = 3;

type CountTokens = (text: string) => number;

let countText: CountTokens | undefined;

/**
 * By default the tokenizer throws on text such as `<|endoftext|>`; a user's prompt may well
 * contain it, and providers read it as plain text, so count it as plain text.
 */
const asPlainText = { disallowedSpecial: new Set<string>() };

/**
 * The o200k_base tokenizer (GPT-4o and later), loaded on first use: loading its ranks takes
 * ~160 ms and ~40 MB, which a router whose calls all fit their windows never pays. A
 * synchronous require keeps `estimateTokens` synchronous, as the routing decision is.
 */
function tokenCounter(): CountTokens {
  if (countText !== undefined) return countText;
  try {
    const { countTokens } = createRequire(import.meta.url)(
      'gpt-tokenizer/encoding/o200k_base',
    ) as typeof import('gpt-tokenizer/encoding/o200k_base');
    countText = (text) => countTokens(text, asPlainText);
  } catch {
    // A bundle that left the tokenizer out must not fail calls. OpenAI's rule of thumb (four
    // characters a token) errs low, so a target is tried rather than wrongly skipped; a prompt
    // that really is too long meets a context-length error, which is fallback-only.
    countText = (text) => Math.ceil(text.length / 4);
  }
  return countText;
}

/**
 * Estimated input tokens of a text or a whole prompt (with `tools`, their definitions too),
 * counted with OpenAI's o200k_base; other providers' tokenizers differ by some tens of percent,
 * so this is an estimate, good for "will it fit", not for billing. A prompt adds
 * `tokensPerMessage` a message and `replyPrimingTokens`.
 *
 * Each piece of text is counted on its own rather than as one concatenated string: no large
 * string is built, and message boundaries break token merges anyway.
 */
export function estimateTokens(
  input: string | LanguageModelV4Prompt,
  tools?: LanguageModelV4CallOptions['tools'],
): number {
  const countTokens = tokenCounter();
  if (typeof input === 'string') return countTokens(input);
  const counter: PromptTextVisitor & { tokens: number } = {
    tokens: replyPrimingTokens,
    message() {
      this.tokens += tokensPerMessage;
    },
    text(text) {
      if (text.length > 0) this.tokens += countTokens(text);
    },
    json(value) {
      const text = JSON.stringify(value);
      if (text !== undefined) this.tokens += countTokens(text);
    },
    file() {},
  };
  visitPromptText(input, counter);
  visitToolText(tools, counter);
  return counter.tokens;
}
