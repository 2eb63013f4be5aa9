import type { LanguageModelV4GenerateResult, LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { toChatCompletion } from './chat-response.js';

const identity = { id: 'chatcmpl-r1', model: 'smart', created: 1_795_000_000 };

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 12, noCache: 2, cacheRead: 10, cacheWrite: undefined },
  outputTokens: { total: 7, text: 4, reasoning: 3 },
};

function result(partial: Partial<LanguageModelV4GenerateResult>): LanguageModelV4GenerateResult {
  return {
    content: [],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
    ...partial,
  };
}

describe('toChatCompletion', () => {
  it('renders text, finish reason and usage with cached and reasoning tokens', () => {
    expect(
      toChatCompletion(
        result({
          content: [
            { type: 'reasoning', text: 'Think.' },
            { type: 'text', text: 'Hello' },
            { type: 'text', text: ' world' },
          ],
        }),
        identity,
      ),
    ).toEqual({
      id: 'chatcmpl-r1',
      object: 'chat.completion',
      created: 1_795_000_000,
      model: 'smart',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello world',
            refusal: null,
            reasoning_content: 'Think.',
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 7,
        total_tokens: 19,
        prompt_tokens_details: { cached_tokens: 10 },
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
  });

  it('renders tool calls with null content and finish_reason tool_calls', () => {
    const completion = toChatCompletion(
      result({
        content: [
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'weather',
            input: '{"city":"Paris"}',
          },
          {
            type: 'tool-call',
            toolCallId: 'srv_1',
            toolName: 'web_search',
            input: '{}',
            providerExecuted: true,
          },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      }),
      identity,
    );
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it('maps every V4 finish reason to one of OpenAI', () => {
    const reasons = [
      'stop',
      'length',
      'content-filter',
      'tool-calls',
      'error',
      'interrupted',
      'other',
    ] as const;
    expect(
      reasons.map(
        (unified) =>
          toChatCompletion(result({ finishReason: { unified, raw: undefined } }), identity)
            .choices[0].finish_reason,
      ),
    ).toEqual(['stop', 'length', 'content_filter', 'tool_calls', 'stop', 'stop', 'stop']);
  });

  it('finishes with tool_calls when the provider says stop but called tools (as Gemini does)', () => {
    const completion = toChatCompletion(
      result({ content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' }] }),
      identity,
    );
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
  });

  it('answers with the structured output text when the provider singles it out', () => {
    const completion = toChatCompletion(
      result({
        content: [
          { type: 'text', text: 'Draft: {"a":0}' },
          { type: 'text', text: '{"a":1}' },
        ],
        structuredOutputText: '{"a":1}',
      }),
      identity,
    );
    expect(completion.choices[0].message.content).toBe('{"a":1}');
  });

  it('reads unreported token counts as 0', () => {
    const completion = toChatCompletion(
      result({
        usage: {
          inputTokens: {
            total: undefined,
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: 5, text: undefined, reasoning: undefined },
        },
      }),
      identity,
    );
    expect(completion.usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 5,
      total_tokens: 5,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});
