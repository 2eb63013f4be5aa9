import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { cacheKeyOf } from './cache-key.js';

const prompt: LanguageModelV4CallOptions['prompt'] = [
  { role: 'user', content: [{ type: 'text', text: 'hi' }] },
];

function key(
  options: Partial<LanguageModelV4CallOptions>,
  scope = {},
  operation: 'generate' | 'stream' = 'generate',
) {
  return cacheKeyOf({ route: 'main', operation, options: { prompt, ...options }, scope });
}

describe('cacheKeyOf', () => {
  it('is a sha256 of the normalised call, the same whatever the key order or undefined fields', () => {
    const a = key({ temperature: 0, maxOutputTokens: 10 });
    const b = key({ maxOutputTokens: 10, temperature: 0, topP: undefined });
    expect(a).toMatch(/^cache:[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('ignores the abort signal and headers', () => {
    expect(
      key({ abortSignal: new AbortController().signal, headers: { 'x-request-id': 'r-1' } }),
    ).toBe(key({}));
  });

  it('changes with every setting, tools, response format, the scope and the operation', () => {
    const keys = [
      key({}),
      key({ temperature: 0.2 }),
      key({ maxOutputTokens: 5 }),
      key({ stopSequences: ['x'] }),
      key({ seed: 1 }),
      key({ responseFormat: { type: 'json' } }),
      key({ tools: [{ type: 'function', name: 'f', inputSchema: { type: 'object' } }] }),
      key({ toolChoice: { type: 'required' } }),
      key({ providerOptions: { openai: { user: 'x' } } }),
      key({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] }),
      key({}, { tenant: 'acme' }),
      key({}, { user: 'alice' }),
      key({}, {}, 'stream'),
      key({
        prompt: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'image/png',
                data: { type: 'data', data: new Uint8Array([1, 2]) },
              },
            ],
          },
        ],
      }),
      key({
        prompt: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'image/png',
                data: { type: 'data', data: new Uint8Array([1, 3]) },
              },
            ],
          },
        ],
      }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
