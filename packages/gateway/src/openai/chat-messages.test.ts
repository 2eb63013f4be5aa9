import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { chatPrompt } from './chat-messages.js';

function rejection(messages: unknown) {
  const { code, param, message } = gatewayErrorOf(() => chatPrompt(messages));
  return { code, param, message };
}

describe('chatPrompt', () => {
  it('translates system, developer, user and assistant messages', () => {
    expect(
      chatPrompt([
        { role: 'system', content: 'Be brief.' },
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'A' },
            { type: 'text', text: 'B' },
          ],
        },
        { role: 'user', content: 'hi', name: 'ann' },
        { role: 'assistant', content: 'hello' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'A' },
      { role: 'system', content: 'B' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'hi' }],
        providerOptions: { openai: { name: 'ann' } },
      },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
    ]);
  });

  it('turns assistant tool calls into tool-call parts and tool messages into one tool message', () => {
    expect(
      chatPrompt([
        { role: 'user', content: 'weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: 'Rome' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 C' },
        {
          role: 'tool',
          tool_call_id: 'call_2',
          content: [
            { type: 'text', text: '2' },
            { type: 'text', text: '1 C' },
          ],
        },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      ]),
    ).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'weather',
            input: { city: 'Paris' },
          },
          // Not JSON (a model's mistake echoed back): kept as the text it was.
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'weather', input: 'Rome' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'weather',
            output: { type: 'text', value: '18 C' },
          },
          {
            type: 'tool-result',
            toolCallId: 'call_2',
            toolName: 'weather',
            output: { type: 'text', value: '21 C' },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'No.' }] },
    ]);
  });

  it('keeps assistant text before its tool calls', () => {
    const [message] = chatPrompt([
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 't', arguments: '{}' } }],
      },
    ]);
    expect(message?.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', toolCallId: 'c', toolName: 't', input: {} },
    ]);
  });

  it('rejects a tool message that answers no earlier tool call', () => {
    expect(rejection([{ role: 'tool', tool_call_id: 'call_9', content: 'x' }])).toEqual({
      code: 'invalid_value',
      param: 'messages[0].tool_call_id',
      message:
        "Invalid 'messages[0].tool_call_id': 'call_9' does not answer a tool call of an earlier assistant message.",
    });
  });

  it('names the param of each malformed message', () => {
    expect(rejection([{ content: 'x' }]).param).toBe('messages[0].role');
    expect(rejection(['hi']).param).toBe('messages[0]');
    expect(rejection([{ role: 'robot', content: 'x' }]).message).toBe(
      "Invalid 'messages[0].role': 'robot' is not one of system, developer, user, assistant, tool.",
    );
    expect(rejection([{ role: 'system', content: 5 }])).toEqual({
      code: 'invalid_type',
      param: 'messages[0].content',
      message:
        "Invalid type for 'messages[0].content': expected a string or an array of parts, got a number.",
    });
    expect(rejection([{ role: 'system', content: [{ type: 'image_url' }] }]).param).toBe(
      'messages[0].content[0].type',
    );
    expect(rejection([{ role: 'assistant', content: null }])).toMatchObject({
      code: 'missing_required_parameter',
      param: 'messages[0].content',
    });
    expect(
      rejection([
        { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 't' } }] },
      ]).param,
    ).toBe('messages[0].tool_calls[0].function.arguments');
    expect(rejection([{ role: 'user', content: 'a', name: 3 }]).param).toBe('messages[0].name');
  });

  it('rejects the legacy function role and function_call with a pointer to tools', () => {
    expect(rejection([{ role: 'function', name: 'f', content: 'x' }])).toMatchObject({
      code: 'unsupported_parameter',
      param: 'messages[0].role',
    });
    expect(
      rejection([
        { role: 'assistant', content: 'x', function_call: { name: 'f', arguments: '{}' } },
      ]).message,
    ).toBe('The legacy function_call is not supported; use tool_calls.');
  });
});
