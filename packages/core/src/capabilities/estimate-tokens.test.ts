import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { estimateTokens, replyPrimingTokens, tokensPerMessage } from './estimate-tokens.js';

describe('estimateTokens', () => {
  it('counts o200k_base tokens of a text', () => {
    expect(estimateTokens('hello world')).toBe(2);
    expect(estimateTokens('')).toBe(0);
  });

  it('counts special-token text as plain text instead of throwing', () => {
    expect(estimateTokens('hi <|endoftext|> there')).toBe(9);
  });

  it('adds framing per message and for the reply to the text of a prompt', () => {
    const prompt: LanguageModelV4Prompt = [
      { role: 'system', content: 'hello world' },
      { role: 'user', content: [{ type: 'text', text: 'hello world' }] },
    ];
    expect(estimateTokens(prompt)).toBe(2 + 2 + 2 * tokensPerMessage + replyPrimingTokens);
  });

  it('counts tool calls and tool results as their JSON', () => {
    const input = { city: 'Paris' };
    const output = { tempC: 12 };
    const prompt: LanguageModelV4Prompt = [
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
    ];
    const expected =
      estimateTokens('weather') +
      estimateTokens(JSON.stringify(input)) +
      estimateTokens(JSON.stringify(output)) +
      2 * tokensPerMessage +
      replyPrimingTokens;
    expect(estimateTokens(prompt)).toBe(expected);
  });

  it('counts tool definitions when given', () => {
    const prompt: LanguageModelV4Prompt = [];
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const withTools = estimateTokens(prompt, [
      { type: 'function', name: 'weather', description: 'Current weather', inputSchema: schema },
    ]);
    expect(withTools).toBe(
      replyPrimingTokens +
        estimateTokens('weather') +
        estimateTokens('Current weather') +
        estimateTokens(JSON.stringify(schema)),
    );
  });

  it('yields no more tokens than characters for typical text of many scripts', () => {
    const samples = [
      'The quick brown fox jumps over the lazy dog. Routers fail over when a provider answers 503.',
      'export function f(a: number[]): number { return a.reduce((x, y) => x + y, 0); }\n',
      JSON.stringify({ a: [1, 2, 3], b: { c: 'hello', d: null, e: true } }),
      '我们的路由器在提供商出错时会自动切换到另一个目标，并记录每次尝试的成本。',
      'ルーターはプロバイダーがエラーを返すと別のターゲットに切り替えます。',
      '라우터는 공급자가 오류를 반환하면 다른 대상으로 전환합니다.',
      'जब प्रदाता त्रुटि देता है तो राउटर दूसरे लक्ष्य पर स्विच करता है।',
      'เราเตอร์จะสลับไปยังเป้าหมายอื่นเมื่อผู้ให้บริการส่งคืนข้อผิดพลาด',
      'يتحول الموجه إلى هدف آخر عندما يعيد المزود خطأ.',
      'Маршрутизатор переключается на другую цель, когда провайдер возвращает ошибку.',
      '😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘',
      '550e8400-e29b-41d4-a716-446655440000 3.14159265358979323846264338327950288419716939937510',
    ];
    for (const text of samples) expect(estimateTokens(text)).toBeLessThanOrEqual(text.length);
  });

  it('can yield more tokens than characters for rarer scripts (why the window check is a heuristic)', () => {
    const amharic = 'ራውተሩ አቅራቢው ስህተት ሲመልስ ወደ ሌላ ዒላማ ይቀየራል።';
    expect(estimateTokens(amharic)).toBeGreaterThan(amharic.length);
  });
});
