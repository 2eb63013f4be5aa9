import { describe, expect, it } from 'vitest';
import { digestOf, digestOfHash, hashApiKey, keyHashPattern, matchDigest } from './key-hash.js';

describe('hashApiKey', () => {
  it('is sha256: and the hex digest of the UTF-8 key', () => {
    // echo -n 'abc' | sha256sum
    expect(hashApiKey('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashApiKey('any key')).toMatch(keyHashPattern);
    expect(digestOfHash(hashApiKey('k'))).toEqual(digestOf('k'));
  });
});

describe('matchDigest', () => {
  it('finds the stored digest that matches, comparing every one', () => {
    const stored = ['a', 'b', 'c'].map(digestOf);
    expect(['b', 'c', 'd'].map((key) => matchDigest(digestOf(key), stored))).toEqual([1, 2, -1]);
    expect(matchDigest(digestOf('a'), [])).toBe(-1);
  });
});
