import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import { callFactsOf, embedCallFacts } from './call-facts.js';
import * as tokens from './estimate-tokens.js';

vi.mock('./estimate-tokens.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./estimate-tokens.js')>();
  return { ...actual, estimateTokens: vi.fn(actual.estimateTokens) };
});

const estimateTokens = vi.mocked(tokens.estimateTokens);

function user(text: string): LanguageModelV4Prompt[number] {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function facts(options: Partial<LanguageModelV4CallOptions>) {
  return callFactsOf({ operation: 'generate', options: { prompt: [user('hi')], ...options } });
}

const weatherTool = {
  type: 'function' as const,
  name: 'weather',
  inputSchema: { type: 'object' as const },
};

describe('callFactsOf', () => {
  it('states the facts of a plain text call', () => {
    const call = callFactsOf({
      operation: 'stream',
      options: {
        prompt: [{ role: 'system', content: 'be brief' }, user('hello')],
        maxOutputTokens: 256,
      },
      metadata: { tenant: 'acme' },
    });
    expect({ ...call, estimatedInputTokens: undefined, estimatedContextTokens: undefined }).toEqual(
      {
        operation: 'stream',
        hasTools: false,
        hasImages: false,
        wantsJson: false,
        inputChars: 13,
        estimatedInputTokens: undefined,
        maxOutputTokens: 256,
        contextChars: 13,
        contextOverheadTokens: 2 * 4 + 3,
        estimatedContextTokens: undefined,
        metadata: { tenant: 'acme' },
      },
    );
  });

  it('has tools when the call offers some and does not forbid them', () => {
    expect(facts({ tools: [weatherTool] }).hasTools).toBe(true);
    expect(facts({ tools: [weatherTool], toolChoice: { type: 'required' } }).hasTools).toBe(true);
    expect(facts({ tools: [weatherTool], toolChoice: { type: 'none' } }).hasTools).toBe(false);
    expect(facts({ tools: [] }).hasTools).toBe(false);
    expect(facts({}).hasTools).toBe(false);
  });

  it('has images when any file part is an image, even inside a tool result', () => {
    const png = {
      type: 'file' as const,
      mediaType: 'image/png',
      data: { type: 'data' as const, data: 'AA' },
    };
    expect(facts({ prompt: [{ role: 'user', content: [png] }] }).hasImages).toBe(true);
    const pdf = { ...png, mediaType: 'application/pdf' };
    expect(facts({ prompt: [{ role: 'user', content: [pdf] }] }).hasImages).toBe(false);
    const inToolResult: LanguageModelV4Prompt = [
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'screenshot',
            output: { type: 'content', value: [{ ...png, mediaType: 'image' }] },
          },
        ],
      },
    ];
    expect(facts({ prompt: inToolResult }).hasImages).toBe(true);
  });

  it('wants JSON only for a JSON response format', () => {
    expect(facts({ responseFormat: { type: 'json' } }).wantsJson).toBe(true);
    expect(facts({ responseFormat: { type: 'text' } }).wantsJson).toBe(false);
    expect(facts({}).wantsJson).toBe(false);
  });

  it('counts tool calls, tool results and tool definitions as their JSON length', () => {
    const input = { city: 'Paris' };
    const output = { tempC: 12, sky: 'clear' };
    const call = facts({
      prompt: [
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'weather',
              output: { type: 'json', value: output },
            },
          ],
        },
      ],
      tools: [weatherTool],
    });
    expect(call.inputChars).toBe(
      'weather'.length +
        JSON.stringify(input).length +
        JSON.stringify(output).length +
        'weather'.length +
        JSON.stringify(weatherTool.inputSchema).length,
    );
  });

  it('estimates tokens only when asked, and only once', () => {
    estimateTokens.mockClear();
    const call = facts({ prompt: [user('hello world')] });
    expect(estimateTokens).not.toHaveBeenCalled();
    expect(call.estimatedInputTokens()).toBe(2 + 4 + 3);
    expect(call.estimatedContextTokens()).toBe(2 + 4 + 3);
    expect(call.estimatedInputTokens()).toBe(2 + 4 + 3);
    expect(estimateTokens).toHaveBeenCalledTimes(1);
  });

  it('gives every call without metadata the same empty, frozen record', () => {
    expect(facts({}).metadata).toBe(facts({}).metadata);
    expect(Object.isFrozen(facts({}).metadata)).toBe(true);
  });
});

describe('embedCallFacts', () => {
  it('sizes the context by the longest value and the input by all of them', () => {
    estimateTokens.mockClear();
    const call = embedCallFacts({ values: ['hello world', 'hi'], metadata: { tenant: 'acme' } });
    expect([
      call.operation,
      call.inputChars,
      call.contextChars,
      call.contextOverheadTokens,
    ]).toEqual(['embed', 13, 11, 0]);
    expect([call.hasTools, call.hasImages, call.wantsJson, call.maxOutputTokens]).toEqual([
      false,
      false,
      false,
      undefined,
    ]);
    expect(estimateTokens).not.toHaveBeenCalled();
    expect([call.estimatedInputTokens(), call.estimatedContextTokens()]).toEqual([3, 2]);
    expect(estimateTokens).toHaveBeenCalledTimes(2);
  });
});
