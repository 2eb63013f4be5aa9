import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { type OpenAIFinishReason, openAIFinishReason } from './finish-reason.js';
import { type OpenAIUsage, openAIUsage } from './usage.js';

export interface ChatCompletionIdentity {
  /** `chatcmpl-...`, the gateway's request id. */
  id: string;
  /** The model name to report (what the client asked for). */
  model: string;
  /** Unix seconds. */
  created: number;
}

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: {
        role: 'assistant';
        content: string | null;
        refusal: null;
        tool_calls?: OpenAIToolCall[];
        /** The model's reasoning, when the provider returns it (as DeepSeek and vLLM name it). */
        reasoning_content?: string;
      };
      logprobs: null;
      finish_reason: OpenAIFinishReason;
    },
  ];
  usage: OpenAIUsage;
}

/** A V4 generate result as OpenAI's `chat.completion` object. */
export function toChatCompletion(
  result: LanguageModelV4GenerateResult,
  { id, model, created }: ChatCompletionIdentity,
): ChatCompletion {
  let text: string | undefined;
  let reasoning: string | undefined;
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text = (text ?? '') + part.text;
    else if (part.type === 'reasoning') reasoning = (reasoning ?? '') + part.text;
    else if (part.type === 'tool-call' && !part.providerExecuted)
      toolCalls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: part.input },
      });
  }
  const message: ChatCompletion['choices'][0]['message'] = {
    role: 'assistant',
    // A JSON answer's text, when the provider singles it out from drafts.
    content: result.structuredOutputText ?? text ?? null,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: openAIFinishReason(result.finishReason, toolCalls.length > 0),
      },
    ],
    usage: openAIUsage(result.usage),
  };
}
