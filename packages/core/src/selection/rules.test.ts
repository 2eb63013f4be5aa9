import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { callFactsOf } from '../capabilities/call-facts.js';
import { compileRule, describeCondition, matchRules } from './rules.js';
import type { RuleOptions } from './selection-options.js';
import { promptTextFacts } from './user-text.js';

function factsOf(
  text: string,
  {
    metadata = {},
    extra = {},
  }: { metadata?: Record<string, string>; extra?: Partial<LanguageModelV4CallOptions> } = {},
) {
  const options: LanguageModelV4CallOptions = {
    prompt: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text }] },
    ],
    ...extra,
  };
  return {
    call: callFactsOf({ operation: 'generate', options, metadata }),
    text: promptTextFacts(options.prompt),
  };
}

const rules: RuleOptions[] = [
  { when: { metadata: { tier: 'free' } }, route: 'cheap' },
  { when: { hasTools: true }, route: 'strong' },
  { when: { hasCode: true, not: { metadata: { team: 'docs' } } }, route: 'coder' },
  {
    when: { any: [{ promptMatches: 'refund|chargeback' }, { minInputTokens: 2000 }] },
    route: 'strong',
  },
];
const compiled = rules.map(compileRule);
const chosen = (facts: ReturnType<typeof factsOf>) => {
  const match = matchRules(compiled, facts);
  return match ? `${match.index + 1}:${match.rule.route}` : 'default';
};

describe('rules', () => {
  it('take the first matching rule, in order', () => {
    const tools = {
      tools: [
        { type: 'function' as const, name: 'lookup', inputSchema: { type: 'object' as const } },
      ],
    };
    expect(chosen(factsOf('hi', { metadata: { tier: 'free' }, extra: tools }))).toBe('1:cheap');
    expect(chosen(factsOf('hi', { extra: tools }))).toBe('2:strong');
    expect(chosen(factsOf('fix:\n```ts\nconst a = 1;\n```'))).toBe('3:coder');
    expect(chosen(factsOf('fix:\n```ts\nconst a = 1;\n```', { metadata: { team: 'docs' } }))).toBe(
      'default',
    );
    expect(chosen(factsOf('I want a Chargeback'))).toBe('4:strong');
    expect(chosen(factsOf('word '.repeat(3000)))).toBe('4:strong');
    expect(chosen(factsOf('hello'))).toBe('default');
  });

  it('treat tools with toolChoice none as no tools', () => {
    const extra = {
      tools: [
        { type: 'function' as const, name: 'lookup', inputSchema: { type: 'object' as const } },
      ],
      toolChoice: { type: 'none' as const },
    };
    expect(chosen(factsOf('hi', { extra }))).toBe('default');
  });

  it('match a metadata key against any of several values, and never a missing key', () => {
    const rule = compileRule({ when: { metadata: { tier: ['pro', 'team'] } }, route: 'strong' });
    expect(rule.matches(factsOf('x', { metadata: { tier: 'team' } }))).toBe(true);
    expect(rule.matches(factsOf('x', { metadata: { tier: 'free' } }))).toBe(false);
    expect(rule.matches(factsOf('x'))).toBe(false);
  });

  it('read the user messages only, not the system prompt', () => {
    const rule = compileRule({ when: { promptMatches: 'terse' }, route: 'strong' });
    expect(rule.matches(factsOf('hello'))).toBe(false);
  });

  it('explain each condition in words for the trace', () => {
    expect(compiled.map((rule) => rule.label)).toEqual([
      'metadata.tier is free',
      'has tools',
      'has code and not (metadata.team is docs)',
      'any of (prompt matches /refund|chargeback/i; input tokens >= 2000)',
    ]);
    expect(describeCondition({})).toBe('always');
    expect(describeCondition({ hasImages: false, jsonOutput: true, operation: 'stream' })).toBe(
      'has no images and wants JSON and is a stream call',
    );
    expect(compileRule({ when: {}, route: 'x', name: 'catch-all' }).label).toBe('catch-all');
  });
});
