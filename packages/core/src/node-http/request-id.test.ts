import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from './request-id.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function request(headers: Record<string, string | string[]>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('requestIdOf', () => {
  it("keeps the caller's x-request-id", () => {
    expect(requestIdOf(request({ 'x-request-id': 'req-42' }))).toBe('req-42');
  });

  it('makes a random UUID when the header is missing', () => {
    const [first, second] = [requestIdOf(request({})), requestIdOf(request({}))];
    expect(first).toMatch(uuid);
    expect(second).not.toBe(first);
  });

  it('replaces an id that is too long, has spaces or control characters, or is repeated', () => {
    for (const value of ['x'.repeat(129), 'a b', 'a\u0007', '', ['a', 'b']]) {
      expect(requestIdOf(request({ 'x-request-id': value }))).toMatch(uuid);
    }
  });
});
