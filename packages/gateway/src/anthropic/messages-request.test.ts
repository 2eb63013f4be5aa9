import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { parseMessagesRequest } from './messages-request.js';

function rejection(body: unknown) {
  const { code, param, message } = gatewayErrorOf(() => parseMessagesRequest(body));
  return { code, param, message };
}

const base = { model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('parseMessagesRequest', () => {
  it('translates the smallest request', () => {
    expect(parseMessagesRequest(base)).toEqual({
      model: 'smart',
      stream: false,
      callOptions: {
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        maxOutputTokens: 100,
      },
    });
  });

  it('translates system blocks with cache control, sampling, stop sequences and metadata', () => {
    const request = parseMessagesRequest({
      ...base,
      stream: true,
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Long context', cache_control: { type: 'ephemeral' } },
      ],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 20,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-7' },
      service_tier: 'auto',
    });
    expect(request).toEqual({
      model: 'smart',
      stream: true,
      metadata: { user: 'u-7' },
      callOptions: {
        prompt: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'system',
            content: 'Long context',
            providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
          },
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        ],
        maxOutputTokens: 100,
        temperature: 0.5,
        topP: 0.9,
        topK: 20,
        stopSequences: ['END'],
      },
    });
  });

  it('splits a user turn with tool results into a V4 tool message and the rest', () => {
    const { callOptions } = parseMessagesRequest({
      ...base,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig-1' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18 C' },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
    });
    expect(callOptions.prompt.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'Use the tool.',
            providerOptions: { anthropic: { signature: 'sig-1' } },
          },
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-call',
            toolCallId: 'toolu_1',
            toolName: 'weather',
            input: { city: 'Paris' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            toolName: 'weather',
            output: { type: 'text', value: '18 C' },
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
  });

  it('translates error results, images and documents', () => {
    const { callOptions } = parseMessagesRequest({
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't1', name: 'read', input: {} }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              is_error: true,
              content: [{ type: 'text', text: 'not found' }],
            },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
            },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes' } },
          ],
        },
      ],
    });
    expect(callOptions.prompt.slice(1)).toEqual([
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 't1',
            toolName: 'read',
            output: { type: 'error-text', value: 'not found' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBO' } },
          {
            type: 'file',
            mediaType: 'image',
            data: { type: 'url', url: new URL('https://example.com/a.png') },
          },
          { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data: 'JVBE' } },
          { type: 'text', text: 'Notes' },
        ],
      },
    ]);
  });

  it('translates tools, tool_choice and parallel tool use', () => {
    const { callOptions } = parseMessagesRequest({
      ...base,
      tools: [
        {
          name: 'weather',
          description: 'Weather now',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'tool', name: 'weather', disable_parallel_tool_use: true },
    });
    expect([callOptions.tools, callOptions.toolChoice, callOptions.providerOptions]).toEqual([
      [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather now',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      { type: 'tool', toolName: 'weather' },
      { anthropic: { disableParallelToolUse: true }, openai: { parallelToolCalls: false } },
    ]);
    const any = parseMessagesRequest({
      ...base,
      tools: [{ name: 'a', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
    expect(any.callOptions.toolChoice).toEqual({ type: 'required' });
  });

  it('translates thinking, effort and the JSON schema output format', () => {
    const { callOptions } = parseMessagesRequest({
      ...base,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: {
        effort: 'high',
        format: { type: 'json_schema', schema: { type: 'object' } },
      },
    });
    expect([
      callOptions.providerOptions,
      callOptions.reasoning,
      callOptions.responseFormat,
    ]).toEqual([
      { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
      'high',
      { type: 'json', schema: { type: 'object' } },
    ]);
  });

  it('names the param of each bad field', () => {
    expect(rejection({ ...base, max_tokens: undefined })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'max_tokens',
    });
    expect(rejection({ ...base, temperature: 1.5 }).param).toBe('temperature');
    expect(rejection({ ...base, messages: [{ role: 'system', content: 'x' }] }).param).toBe(
      'messages[0].role',
    );
    expect(
      rejection({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x' }] }],
      }),
    ).toMatchObject({ code: 'invalid_value', param: 'messages[0].content[0].tool_use_id' });
    expect(
      rejection({
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] },
        ],
      }),
    ).toMatchObject({ code: 'unsupported_parameter', param: 'messages[0].content[0].source.type' });
    expect(
      rejection({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }),
    ).toMatchObject({ code: 'unsupported_parameter', param: 'tools[0].type' });
    expect(rejection({ ...base, mcp_servers: [{ url: 'https://x' }] })).toMatchObject({
      code: 'unsupported_parameter',
      param: 'mcp_servers',
    });
    expect(rejection({ ...base, n: 2 })).toEqual({
      code: 'unknown_parameter',
      param: 'n',
      message: 'n: Extra inputs are not permitted.',
    });
  });
});
