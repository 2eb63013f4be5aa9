import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { chatToolChoice, chatTools } from './chat-tools.js';

function rejection(run: () => unknown) {
  const { code, param, message } = gatewayErrorOf(() => run());
  return { code, param, message };
}

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

describe('chatTools', () => {
  it('translates function tools, defaulting absent parameters to an empty object schema', () => {
    expect(
      chatTools([
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather now',
            parameters: weatherSchema,
            strict: true,
          },
        },
        { type: 'function', function: { name: 'time' } },
      ]),
    ).toEqual([
      {
        type: 'function',
        name: 'weather',
        description: 'Weather now',
        inputSchema: weatherSchema,
        strict: true,
      },
      { type: 'function', name: 'time', inputSchema: { type: 'object', properties: {} } },
    ]);
  });

  it('names the param of a malformed tool', () => {
    expect(rejection(() => chatTools([{ type: 'custom', custom: { name: 'x' } }]))).toEqual({
      code: 'invalid_value',
      param: 'tools[0].type',
      message: "Invalid 'tools[0].type': 'custom' tools are not supported; expected 'function'.",
    });
    expect(rejection(() => chatTools([{ type: 'function', function: {} }])).param).toBe(
      'tools[0].function.name',
    );
    expect(
      rejection(() => chatTools([{ type: 'function', function: { name: 'a', parameters: 'x' } }]))
        .param,
    ).toBe('tools[0].function.parameters');
    expect(rejection(() => chatTools({})).param).toBe('tools');
  });
});

describe('chatToolChoice', () => {
  const tools = chatTools([{ type: 'function', function: { name: 'weather' } }]);

  it('translates none, auto, required and a named function', () => {
    expect([
      chatToolChoice('none', tools),
      chatToolChoice('auto', tools),
      chatToolChoice('required', tools),
      chatToolChoice({ type: 'function', function: { name: 'weather' } }, tools),
    ]).toEqual([
      { type: 'none' },
      { type: 'auto' },
      { type: 'required' },
      { type: 'tool', toolName: 'weather' },
    ]);
  });

  it('rejects a function that is not among the tools, and unknown choices', () => {
    expect(
      rejection(() => chatToolChoice({ type: 'function', function: { name: 'time' } }, tools)),
    ).toEqual({
      code: 'invalid_value',
      param: 'tool_choice.function.name',
      message: "Invalid 'tool_choice.function.name': no tool named 'time' is in tools.",
    });
    expect(rejection(() => chatToolChoice('any', tools)).param).toBe('tool_choice');
    expect(rejection(() => chatToolChoice(3, tools)).code).toBe('invalid_type');
    expect(rejection(() => chatToolChoice({ type: 'allowed_tools' }, tools)).param).toBe(
      'tool_choice.type',
    );
  });
});
