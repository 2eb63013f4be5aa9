import { describe, expect, it } from 'vitest';
import { decodeFromCache, encodeForCache } from './cache-codec.js';

describe('the cache codec', () => {
  it('round-trips dates, bytes and URLs through JSON, and drops undefined fields', () => {
    const value = {
      timestamp: new Date('2026-11-25T01:00:00.000Z'),
      data: new Uint8Array([0, 255, 7]),
      url: new URL('https://example.com/a.png'),
      parts: [{ type: 'text-delta', delta: 'hi' }, null, 3],
      gone: undefined,
    };
    const decoded = decodeFromCache(JSON.parse(JSON.stringify(encodeForCache(value))));
    const { gone: _gone, ...expected } = value;
    expect(decoded).toEqual(expected);
    expect(Object.keys(decoded as object)).not.toContain('gone');
  });
});
