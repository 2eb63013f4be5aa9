import type { ResolvedTarget } from '../options/resolved-options.js';
import type { CallFacts } from './call-facts.js';

/** Why a candidate was passed over before any attempt; the decision trace carries it. */
export interface SkipReason {
  code: 'no-tools' | 'no-vision' | 'no-json' | 'context-window';
  message: string;
}

/**
 * Why `target` cannot take the call, or undefined when it can. Checked for every candidate, so
 * the common case allocates nothing and never tokenizes.
 *
 * The context window must hold the input and, when the call sets `maxOutputTokens`, that many
 * output tokens as well: OpenAI and Anthropic reject a request whose input plus `max_tokens`
 * exceeds the window. A call without `maxOutputTokens` is checked on its input alone.
 *
 * The tokenizer runs only when the characters could exceed the window: o200k_base yields at
 * most one token a character for English, code, JSON, Cyrillic, CJK, Arabic, Indic and Thai text
 * (about 0.2 to 0.8), so characters plus framing bound the tokens. A few scripts (Ethiopic, rare
 * CJK extensions) run above one token a character; such a prompt near the window may reach a
 * provider that refuses it, and that context-length error is fallback-only: the router moves on.
 */
export function whyTargetCannotTake(
  target: ResolvedTarget,
  facts: CallFacts,
): SkipReason | undefined {
  const { capabilities } = target;
  if (facts.hasTools && !capabilities.tools) {
    return { code: 'no-tools', message: 'the call offers tools; the target does not support them' };
  }
  if (facts.hasImages && !capabilities.vision) {
    return { code: 'no-vision', message: 'the prompt has images; the target does not read them' };
  }
  if (facts.wantsJson && !capabilities.json) {
    return {
      code: 'no-json',
      message: 'the call asks for JSON output; the target cannot force it',
    };
  }
  const window = target.contextWindow;
  if (window === undefined) return undefined;
  const outputTokens = facts.maxOutputTokens ?? 0;
  if (facts.contextChars + facts.contextOverheadTokens + outputTokens <= window) return undefined;
  const inputTokens = facts.estimatedContextTokens();
  if (inputTokens + outputTokens <= window) return undefined;
  return { code: 'context-window', message: contextMessage(facts, inputTokens, window) };
}

function contextMessage(facts: CallFacts, inputTokens: number, window: number): string {
  const input = facts.operation === 'embed' ? 'tokens for its longest value' : 'input tokens';
  const output =
    facts.maxOutputTokens === undefined ? '' : ` + ${facts.maxOutputTokens} output tokens`;
  return `needs ~${inputTokens} ${input}${output}; window is ${window}`;
}
