import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import {
  anthropicBetasOf,
  mergeBetas,
  withAnthropicBetas,
  withBetaHeader,
} from './anthropic-beta.js';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];

function rejection(value: string) {
  const { status, param, message } = gatewayErrorOf(() =>
    anthropicBetasOf({ 'anthropic-beta': value }),
  );
  return { status, param, message };
}

describe('anthropicBetasOf', () => {
  it('reads the comma-separated betas: trimmed, empties dropped, each once, in order', () => {
    expect(
      anthropicBetasOf({
        'anthropic-beta': ' context-1m-2025-08-07 ,, b.2_x , context-1m-2025-08-07,',
      }),
    ).toEqual(['context-1m-2025-08-07', 'b.2_x']);
  });

  it('is empty without the header, or with only separators', () => {
    expect([anthropicBetasOf({}), anthropicBetasOf({ 'anthropic-beta': ' , ,' })]).toEqual([
      [],
      [],
    ]);
  });

  it('rejects an entry that is not a beta name, naming the header and the entry', () => {
    expect(rejection('fine-1, not a beta')).toEqual({
      status: 400,
      param: 'anthropic-beta',
      message:
        "Invalid 'anthropic-beta' header: 'not a beta' is not a beta name (letters, digits, '.', '_', '-'; commas between betas).",
    });
    expect(rejection('a;b').message).toContain("'a;b'");
  });

  it('quotes at most 64 characters of a bad entry', () => {
    const { message } = rejection(`${'x'.repeat(100)}!`);
    expect(message).toContain(`'${'x'.repeat(64)}…'`);
    expect(message).not.toContain('x'.repeat(65));
  });
});

describe('withAnthropicBetas', () => {
  it('sets providerOptions.anthropic.anthropicBeta, keeping the other options', () => {
    const options = withAnthropicBetas(
      {
        prompt,
        providerOptions: {
          anthropic: { thinking: { type: 'adaptive' }, anthropicBeta: ['a-1', 'b-2'] },
          openai: { parallelToolCalls: false },
        },
      },
      ['b-2', 'c-3'],
    );
    expect(options.providerOptions).toEqual({
      anthropic: { thinking: { type: 'adaptive' }, anthropicBeta: ['a-1', 'b-2', 'c-3'] },
      openai: { parallelToolCalls: false },
    });
  });

  it('leaves the options as they are without betas', () => {
    const options = { prompt };
    expect(withAnthropicBetas(options, [])).toBe(options);
    expect(withAnthropicBetas(options, ['a-1']).providerOptions).toEqual({
      anthropic: { anthropicBeta: ['a-1'] },
    });
  });
});

describe('withBetaHeader', () => {
  it("adds the betas after the provider's configured ones, each once", () => {
    expect(
      withBetaHeader({ 'x-api-key': 'k', 'anthropic-beta': 'a-1, b-2' }, ['b-2', 'c-3']),
    ).toEqual({ 'x-api-key': 'k', 'anthropic-beta': 'a-1,b-2,c-3' });
    expect(withBetaHeader({}, ['c-3'])).toEqual({ 'anthropic-beta': 'c-3' });
  });

  it('leaves the headers as they are without betas', () => {
    const headers = { 'anthropic-beta': 'a-1 , a-1' };
    expect(withBetaHeader(headers, [])).toBe(headers);
  });
});

describe('mergeBetas', () => {
  it('keeps the first occurrence of each', () => {
    expect(mergeBetas(['a', 'b'], ['b', 'a', 'c'])).toEqual(['a', 'b', 'c']);
  });
});
