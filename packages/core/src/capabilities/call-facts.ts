import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { estimateTokens, replyPrimingTokens, tokensPerMessage } from './estimate-tokens.js';
import { jsonChars } from './json-chars.js';
import { type PromptTextVisitor, visitPromptText, visitToolText } from './prompt-text.js';

/**
 * What the router knows about one call before it picks a target: built once a call, read by
 * strategies, rules and the capability filter for every candidate.
 */
export interface CallFacts {
  operation: 'generate' | 'stream' | 'embed';
  /** The call offers tools (and does not set `toolChoice: 'none'`). */
  hasTools: boolean;
  /** An image file part is anywhere in the prompt, tool results included. */
  hasImages: boolean;
  /** The call asks for `responseFormat: { type: 'json' }`. */
  wantsJson: boolean;
  /**
   * Characters of text input: system, user and assistant text, tool calls and tool results (JSON
   * as its serialised length), inline text files and tool definitions. For embed, all values.
   */
  inputChars: number;
  /**
   * Estimated input tokens, per-message framing included (see `estimate-tokens.ts`). Lazy and
   * memoised: tokenizing costs ~1 ms per 30k characters, so only a candidate whose context
   * window `inputChars` could exceed asks for it.
   */
  estimatedInputTokens(): number;
  /** The call's `maxOutputTokens`: the answer shares the context window with the input. */
  maxOutputTokens: number | undefined;
  /**
   * Characters that must fit one context window: `inputChars` for generate and stream; for embed,
   * the longest value, since each value is embedded on its own.
   */
  contextChars: number;
  /** Tokens of framing on top of `contextChars`'s text (a few a message); 0 for embed. */
  contextOverheadTokens: number;
  /**
   * Estimated tokens that must fit one context window, framing included. Lazy and memoised;
   * the same as `estimatedInputTokens()` for generate and stream.
   */
  estimatedContextTokens(): number;
  /** The caller's request metadata (tenant, user tier, feature), for rules. */
  metadata: Readonly<Record<string, string>>;
  /** The caller's region (`createClient({ region })` or `providerOptions.modelmux.region`). */
  region?: string | undefined;
}

const noMetadata: Readonly<Record<string, string>> = Object.freeze({});

/** Counts characters, messages and images of a prompt in one pass; builds no strings. */
class PromptScan implements PromptTextVisitor {
  chars = 0;
  messages = 0;
  hasImages = false;
  message(): void {
    this.messages += 1;
  }
  text(text: string): void {
    this.chars += text.length;
  }
  json(value: unknown): void {
    this.chars += jsonChars(value);
  }
  file(mediaType: string): void {
    // The spec allows a bare top-level type (`image`) as well as `image/png`.
    if (mediaType.startsWith('image/') || mediaType === 'image') this.hasImages = true;
  }
}

/** The facts of a generate or stream call. */
export function callFactsOf({
  operation,
  options,
  metadata,
}: {
  operation: 'generate' | 'stream';
  options: LanguageModelV4CallOptions;
  metadata?: Readonly<Record<string, string>> | undefined;
}): CallFacts {
  const scan = new PromptScan();
  visitPromptText(options.prompt, scan);
  visitToolText(options.tools, scan);
  const tools = options.tools;
  let tokens: number | undefined;
  const estimatedInputTokens = () => {
    tokens ??= estimateTokens(options.prompt, tools);
    return tokens;
  };
  return {
    operation,
    hasTools: tools !== undefined && tools.length > 0 && options.toolChoice?.type !== 'none',
    hasImages: scan.hasImages,
    wantsJson: options.responseFormat?.type === 'json',
    inputChars: scan.chars,
    estimatedInputTokens,
    maxOutputTokens: options.maxOutputTokens,
    contextChars: scan.chars,
    contextOverheadTokens: scan.messages * tokensPerMessage + replyPrimingTokens,
    estimatedContextTokens: estimatedInputTokens,
    metadata: metadata ?? noMetadata,
  };
}

/** The facts of an embed call. */
export function embedCallFacts({
  values,
  metadata,
}: {
  values: readonly string[];
  metadata?: Readonly<Record<string, string>> | undefined;
}): CallFacts {
  let chars = 0;
  let longest = 0;
  for (const value of values) {
    chars += value.length;
    if (value.length > longest) longest = value.length;
  }
  let tokens: { total: number; longest: number } | undefined;
  // One pass yields both: the longest value in characters need not be the longest in tokens.
  const measure = () => {
    if (tokens === undefined) {
      tokens = { total: 0, longest: 0 };
      for (const value of values) {
        const valueTokens = estimateTokens(value);
        tokens.total += valueTokens;
        if (valueTokens > tokens.longest) tokens.longest = valueTokens;
      }
    }
    return tokens;
  };
  return {
    operation: 'embed',
    hasTools: false,
    hasImages: false,
    wantsJson: false,
    inputChars: chars,
    estimatedInputTokens: () => measure().total,
    maxOutputTokens: undefined,
    contextChars: longest,
    contextOverheadTokens: 0,
    estimatedContextTokens: () => measure().longest,
    metadata: metadata ?? noMetadata,
  };
}
