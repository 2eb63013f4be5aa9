import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { type PromptTextVisitor, visitPromptText, visitToolText } from './prompt-text.js';

function record() {
  const seen: string[] = [];
  const visitor: PromptTextVisitor = {
    message: () => seen.push('message'),
    text: (text) => seen.push(`text:${text}`),
    json: (value) => seen.push(`json:${JSON.stringify(value)}`),
    file: (mediaType) => seen.push(`file:${mediaType}`),
  };
  return { seen, visitor };
}

describe('visitPromptText', () => {
  it('visits every kind of input text in order and skips reasoning', () => {
    const prompt: LanguageModelV4Prompt = [
      { role: 'system', content: 'be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAAA' } },
          { type: 'file', mediaType: 'text/plain', data: { type: 'text', text: 'notes' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking hard' },
          { type: 'text', text: 'calling' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'weather',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'sunny' },
                {
                  type: 'file',
                  mediaType: 'image',
                  data: { type: 'url', url: new URL('https://x/y.png') },
                },
              ],
            },
          },
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'weather',
            output: { type: 'execution-denied', reason: 'not allowed' },
          },
          {
            type: 'tool-result',
            toolCallId: 'c3',
            toolName: 'weather',
            output: { type: 'error-json', value: { code: 1 } },
          },
        ],
      },
    ];
    const { seen, visitor } = record();
    visitPromptText(prompt, visitor);
    expect(seen).toEqual([
      'message',
      'text:be brief',
      'message',
      'text:look',
      'file:image/png',
      'file:text/plain',
      'text:notes',
      'message',
      'text:calling',
      'text:weather',
      'json:{"city":"Paris"}',
      'message',
      'text:sunny',
      'file:image',
      'text:not allowed',
      'json:{"code":1}',
    ]);
  });
});

describe('visitToolText', () => {
  it('visits function tools name, description and schema, and provider tools by name', () => {
    const { seen, visitor } = record();
    visitToolText(
      [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather now',
          inputSchema: { type: 'object' },
        },
        { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
      ],
      visitor,
    );
    expect(seen).toEqual([
      'text:weather',
      'text:Weather now',
      'json:{"type":"object"}',
      'text:web_search',
    ]);
  });
});
