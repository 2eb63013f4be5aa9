import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { parseChatRequest } from './chat-request.js';

const messages = [{ role: 'user', content: 'hi' }];
const userHi = { role: 'user', content: [{ type: 'text', text: 'hi' }] };

/** The error a body gets, as the fields a client sees. */
function rejection(body: unknown) {
  const { status, code, param, message } = gatewayErrorOf(() => parseChatRequest(body));
  return { status, code, param, message };
}

describe('parseChatRequest', () => {
  it('translates the smallest request', () => {
    expect(parseChatRequest({ model: 'smart', messages })).toEqual({
      model: 'smart',
      stream: false,
      includeUsage: false,
      callOptions: { prompt: [userHi] },
    });
  });

  it('translates the sampling parameters', () => {
    const request = parseChatRequest({
      model: 'smart',
      messages,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      max_tokens: 100,
      stop: 'END',
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      seed: 7,
      reasoning_effort: 'low',
    });
    expect(request.callOptions).toEqual({
      prompt: [userHi],
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      seed: 7,
      reasoning: 'low',
    });
  });

  it('prefers max_completion_tokens over max_tokens and takes stop as an array', () => {
    const request = parseChatRequest({
      model: 'smart',
      messages,
      max_tokens: 100,
      max_completion_tokens: 50,
      stop: ['a', 'b'],
    });
    expect([request.callOptions.maxOutputTokens, request.callOptions.stopSequences]).toEqual([
      50,
      ['a', 'b'],
    ]);
  });

  it('treats null as not given, as OpenAI clients send it', () => {
    const request = parseChatRequest({
      model: 'smart',
      messages,
      temperature: null,
      stop: null,
      tools: null,
      n: null,
      logprobs: null,
      stream_options: null,
    });
    expect(request.callOptions).toEqual({ prompt: [userHi] });
  });

  it('reads stream and include_usage (only meaningful when streaming)', () => {
    const streamed = parseChatRequest({
      model: 'smart',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const unstreamed = parseChatRequest({
      model: 'smart',
      messages,
      stream_options: { include_usage: true },
    });
    expect([streamed.stream, streamed.includeUsage, unstreamed.includeUsage]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('keeps user and string metadata for the trace, and passes user to OpenAI targets', () => {
    const request = parseChatRequest({
      model: 'smart',
      messages,
      user: 'u-42',
      metadata: { tenant: 'acme', feature: 'chat' },
    });
    expect([request.user, request.metadata, request.callOptions.providerOptions]).toEqual([
      'u-42',
      { tenant: 'acme', feature: 'chat' },
      { openai: { user: 'u-42' } },
    ]);
  });

  it('passes OpenAI-only hints as OpenAI provider options, and parallel_tool_calls to Anthropic', () => {
    const request = parseChatRequest({
      model: 'smart',
      messages,
      parallel_tool_calls: false,
      verbosity: 'low',
      prompt_cache_key: 'k1',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
    });
    expect(request.callOptions.providerOptions).toEqual({
      openai: {
        parallelToolCalls: false,
        textVerbosity: 'low',
        promptCacheKey: 'k1',
        strictJsonSchema: true,
      },
      anthropic: { disableParallelToolUse: true },
    });
  });

  it('translates response_format', () => {
    const formatOf = (response_format: unknown) =>
      parseChatRequest({ model: 'smart', messages, response_format }).callOptions.responseFormat;
    expect([
      formatOf({ type: 'text' }),
      formatOf({ type: 'json_object' }),
      formatOf({
        type: 'json_schema',
        json_schema: {
          name: 'city',
          description: 'A city',
          schema: { type: 'object', properties: { name: { type: 'string' } } },
        },
      }),
    ]).toEqual([
      { type: 'text' },
      { type: 'json' },
      {
        type: 'json',
        name: 'city',
        description: 'A city',
        schema: { type: 'object', properties: { name: { type: 'string' } } },
      },
    ]);
  });

  it('names the param of a wrong type', () => {
    expect(rejection({ model: 'smart', messages, temperature: 'hot' })).toEqual({
      status: 400,
      code: 'invalid_type',
      param: 'temperature',
      message: "Invalid type for 'temperature': expected a number, got a string.",
    });
    expect(rejection({ model: 7, messages }).param).toBe('model');
    expect(rejection({ model: 'smart', messages, stream: 'yes' }).param).toBe('stream');
    expect(rejection({ model: 'smart', messages, max_tokens: 1.5 }).message).toBe(
      "Invalid type for 'max_tokens': expected an integer, got a number.",
    );
    expect(
      rejection({ model: 'smart', messages, stream_options: { include_usage: 1 } }).param,
    ).toBe('stream_options.include_usage');
    expect(rejection({ model: 'smart', messages, stop: ['a', 1] }).param).toBe('stop[1]');
    expect(rejection({ model: 'smart', messages, metadata: { n: 1 } })).toMatchObject({
      code: 'invalid_type',
      param: 'metadata.n',
    });
  });

  it('rejects values out of OpenAI range', () => {
    expect(rejection({ model: 'smart', messages, temperature: 3 })).toEqual({
      status: 400,
      code: 'invalid_value',
      param: 'temperature',
      message: "Invalid 'temperature': 3 is above the maximum of 2.",
    });
    expect(rejection({ model: 'smart', messages, max_tokens: 0 }).param).toBe('max_tokens');
    expect(rejection({ model: 'smart', messages, reasoning_effort: 'extreme' }).param).toBe(
      'reasoning_effort',
    );
    expect(rejection({ model: 'smart', messages, response_format: { type: 'xml' } }).param).toBe(
      'response_format.type',
    );
  });

  it('requires model and a non-empty messages array, and a JSON object body', () => {
    expect(rejection({ messages })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'model',
    });
    expect(rejection({ model: 'smart' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'messages',
    });
    expect(rejection({ model: 'smart', messages: 'hi' })).toMatchObject({
      code: 'invalid_type',
      param: 'messages',
    });
    expect(rejection({ model: 'smart', messages: [] })).toMatchObject({
      code: 'invalid_value',
      param: 'messages',
    });
    expect(rejection([1, 2]).message).toBe(
      "Invalid 'body': the request body must be a JSON object.",
    );
  });

  it('rejects more than 16 metadata keys', () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v']),
    );
    expect(rejection({ model: 'smart', messages, metadata }).message).toBe(
      "Invalid 'metadata': 17 keys; at most 16 are allowed.",
    );
  });
});
