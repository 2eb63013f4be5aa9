import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../openai/gateway-error.js';
import { anthropicErrorBody } from './anthropic-error.js';
import { toAnthropicMessage } from './messages-response.js';

function result(partial: Partial<LanguageModelV4GenerateResult>): LanguageModelV4GenerateResult {
  return {
    content: [],
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: {
      inputTokens: { total: 30, noCache: 10, cacheRead: 15, cacheWrite: 5 },
      outputTokens: { total: 8, text: 8, reasoning: undefined },
    },
    warnings: [],
    ...partial,
  };
}

describe('toAnthropicMessage', () => {
  it('renders thinking, text and tool_use blocks, the stop reason and usage', () => {
    expect(
      toAnthropicMessage(
        result({
          content: [
            {
              type: 'reasoning',
              text: 'Plan.',
              providerMetadata: { anthropic: { signature: 's1' } },
            },
            { type: 'text', text: 'Checking.' },
            {
              type: 'tool-call',
              toolCallId: 'toolu_1',
              toolName: 'weather',
              input: '{"city":"Paris"}',
            },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        }),
        { id: 'msg_1', model: 'smart' },
      ),
    ).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'smart',
      content: [
        { type: 'thinking', thinking: 'Plan.', signature: 's1' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 8,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 15,
      },
    });
  });

  it('maps finish reasons to stop reasons', () => {
    const stopOf = (
      unified: LanguageModelV4GenerateResult['finishReason']['unified'],
      raw?: string,
    ) =>
      toAnthropicMessage(result({ finishReason: { unified, raw } }), { id: 'm', model: 'x' })
        .stop_reason;
    expect([
      stopOf('stop'),
      stopOf('stop', 'stop_sequence'),
      stopOf('length'),
      stopOf('content-filter'),
      stopOf('tool-calls'),
      stopOf('other'),
    ]).toEqual(['end_turn', 'stop_sequence', 'max_tokens', 'refusal', 'tool_use', 'end_turn']);
  });

  it('counts uncached input as total less cache reads and writes when the provider gives no split', () => {
    const message = toAnthropicMessage(
      result({
        usage: {
          inputTokens: { total: 12, noCache: undefined, cacheRead: 2, cacheWrite: undefined },
          outputTokens: { total: 3, text: undefined, reasoning: undefined },
        },
      }),
      { id: 'm', model: 'x' },
    );
    expect(message.usage).toEqual({
      input_tokens: 10,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 2,
    });
  });

  it('renders a redacted thinking block and a tool input that is not an object as {}', () => {
    const message = toAnthropicMessage(
      result({
        content: [
          { type: 'reasoning', text: '', providerMetadata: { anthropic: { redactedData: 'enc' } } },
          { type: 'tool-call', toolCallId: 't', toolName: 'n', input: 'oops' },
        ],
      }),
      { id: 'm', model: 'x' },
    );
    expect(message.content).toEqual([
      { type: 'redacted_thinking', data: 'enc' },
      { type: 'tool_use', id: 't', name: 'n', input: {} },
    ]);
  });
});

describe('anthropicErrorBody', () => {
  it('gives each status the Anthropic error type', () => {
    const typeOf = (status: number) =>
      anthropicErrorBody(new GatewayError({ status, message: 'm' })).error.type;
    expect([400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 529].map(typeOf)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'invalid_request_error',
      'rate_limit_error',
      'api_error',
      'api_error',
      'api_error',
      'overloaded_error',
    ]);
    expect(anthropicErrorBody(new GatewayError({ status: 400, message: 'Bad.' }))).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'Bad.' },
    });
  });
});
