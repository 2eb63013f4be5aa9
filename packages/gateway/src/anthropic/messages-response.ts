import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import {
  type AnthropicStopReason,
  type AnthropicUsage,
  anthropicStopReason,
  anthropicUsage,
} from './anthropic-usage.js';

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

/** A V4 generate result as Anthropic's Message object. */
export function toAnthropicMessage(
  result: LanguageModelV4GenerateResult,
  { id, model }: { id: string; model: string },
): AnthropicMessage {
  const content: AnthropicContentBlock[] = [];
  let hasToolCalls = false;
  for (const part of result.content) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'reasoning')
      content.push(thinkingBlock(part.text, part.providerMetadata));
    else if (part.type === 'tool-call' && !part.providerExecuted) {
      hasToolCalls = true;
      content.push({
        type: 'tool_use',
        id: part.toolCallId,
        name: part.toolName,
        input: toolInput(part.input),
      });
    }
  }
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: anthropicStopReason(result.finishReason, hasToolCalls),
    stop_sequence: null,
    usage: anthropicUsage(result.usage),
  };
}

/** A thinking block; its signature (or redacted data) comes back only from Anthropic targets. */
export function thinkingBlock(
  text: string,
  providerMetadata: Record<string, Record<string, unknown> | undefined> | undefined,
): AnthropicContentBlock {
  const anthropic = providerMetadata?.anthropic;
  if (typeof anthropic?.redactedData === 'string')
    return { type: 'redacted_thinking', data: anthropic.redactedData };
  const signature = typeof anthropic?.signature === 'string' ? anthropic.signature : '';
  return { type: 'thinking', thinking: text, signature };
}

/** A tool call's JSON input as an object (Anthropic's `input` is never a string). */
export function toolInput(input: string): unknown {
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
