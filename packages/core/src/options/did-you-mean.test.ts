import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect([editDistance('stratgy', 'strategy'), editDistance('gtp', 'gpt')]).toEqual([1, 1]);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect([editDistance('', 'abc'), editDistance('kitten', 'sitting')]).toEqual([3, 3]);
  });
});

describe('closestName', () => {
  it('suggests the nearest name within one edit per three characters', () => {
    expect(closestName('gpt5', ['gpt-5', 'haiku'])).toBe('gpt-5');
  });

  it('suggests nothing when every name is far', () => {
    expect(closestName('gpt5', ['gpt-mini', 'haiku', 'sonnet'])).toBeUndefined();
  });

  it('takes the wrong singular or plural for a typo', () => {
    expect([
      closestName('retries', ['retry', 'timeouts']),
      closestName('timeout', ['retry', 'timeouts']),
      closestName('breakers', ['breaker', 'store']),
    ]).toEqual(['retry', 'timeouts', 'breaker']);
  });

  it('ignores case', () => {
    expect(closestName('Haiku', ['haiku'])).toBe('haiku');
  });
});

describe('didYouMean', () => {
  it('formats a suggestion, or nothing', () => {
    expect([didYouMean('sonet', ['sonnet']), didYouMean('x', ['sonnet'])]).toEqual([
      '; did you mean "sonnet"?',
      '',
    ]);
  });
});
