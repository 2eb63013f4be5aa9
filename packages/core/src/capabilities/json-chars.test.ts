import { describe, expect, it } from 'vitest';
import { jsonChars } from './json-chars.js';

describe('jsonChars', () => {
  it.each([
    ['a string', 'hello'],
    ['a number', 3.25],
    ['an integer', -1200],
    ['true', true],
    ['false', false],
    ['null', null],
    ['an empty object', {}],
    ['an empty array', []],
    ['a nested value', { city: 'Paris', temps: [12, 14.5, null], ok: true, inner: { a: 'b' } }],
    ['an array of objects', [{ a: 1 }, { b: [2, 3] }]],
  ])('equals the serialised length of %s', (_, value) => {
    expect(jsonChars(value)).toBe(JSON.stringify(value).length);
  });

  it('leaves out undefined properties and writes null for undefined items, as JSON does', () => {
    const value = { a: 1, skipped: undefined, list: [undefined, 2] };
    expect(jsonChars(value)).toBe(JSON.stringify(value).length);
  });
});
