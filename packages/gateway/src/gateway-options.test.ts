import { createRouter, RouterConfigError } from '@modelmux/core';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from './auth/key-hash.js';
import { type GatewayOptions, parseGatewayOptions } from './gateway-options.js';

const router = createRouter({
  targets: [{ id: 'mini', model: new MockLanguageModelV4() }],
  routes: { main: { targets: ['mini'] } },
});

function issuesOf(options: Record<string, unknown>): string[] {
  try {
    parseGatewayOptions({ router, ...options } as GatewayOptions);
    return [];
  } catch (error) {
    if (!RouterConfigError.isInstance(error)) throw error;
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe('parseGatewayOptions', () => {
  it('fills the defaults', () => {
    const resolved = parseGatewayOptions({ router });
    expect([resolved.auth, resolved.keys, resolved.bodyLimitBytes, resolved.logger]).toEqual([
      'open-loopback',
      [],
      4 * 1024 * 1024,
      undefined,
    ]);
    expect(parseGatewayOptions({ router, auth: 'none' }).auth).toBe('none');
  });

  it('hashes plaintext keys and keeps no plaintext', () => {
    const resolved = parseGatewayOptions({
      router,
      keys: [
        { name: 'a', key: 'a-key-0123456789abcdef', routes: ['main'] },
        { name: 'b', keyHash: hashApiKey('b-key-0123456789abcdef') },
      ],
    });
    expect(resolved.auth).toBe('keys');
    expect(
      resolved.keys.map((key) => [key.name, key.digest.length, key.routes && [...key.routes]]),
    ).toEqual([
      ['a', 32, ['main']],
      ['b', 32, undefined],
    ]);
    expect(JSON.stringify(resolved.keys)).not.toContain('a-key-0123456789abcdef');
  });

  it('lists every issue by its path under gateway.', () => {
    expect(
      issuesOf({
        auth: 'maybe',
        bodyLimitBytes: -1,
        keys: [{ name: 'a', key: 'short' }, { name: 'b' }, { name: 'c', keyHash: 'md5:abc' }],
      }),
    ).toEqual([
      expect.stringMatching(/^gateway\.auth: /),
      expect.stringMatching(/^gateway\.keys\[0\]\.key: use at least 16 random characters/),
      'gateway.keys[1]: set exactly one of key and keyHash',
      expect.stringMatching(/^gateway\.keys\[2\]\.keyHash: must be 'sha256:' and 64 hex digits/),
      expect.stringMatching(/^gateway\.bodyLimitBytes: /),
    ]);
    expect(issuesOf({ router: {} })).toEqual([
      'gateway.router: must be a router from createRouter()',
    ]);
    expect(issuesOf({ port: 4000 })).toEqual([
      expect.stringMatching(/^gateway\.port: unknown option \(known: router, auth, keys, /),
    ]);
    expect(issuesOf({ bodyLimtBytes: 10 })).toEqual([
      'gateway.bodyLimtBytes: unknown option; did you mean "bodyLimitBytes"?',
    ]);
  });

  it('checks names, duplicates and routes against the router', () => {
    expect(
      issuesOf({
        keys: [
          { name: 'a', key: 'same-key-0123456789abcdef', routes: ['main', 'gpt5'] },
          { name: 'a', key: 'same-key-0123456789abcdef' },
        ],
      }),
    ).toEqual([
      'gateway.keys[0].routes[1]: unknown route or target "gpt5" (known: main, mini)',
      'gateway.keys[1].name: duplicate key name "a"',
      'gateway.keys[1]: the same key is configured twice',
    ]);
  });
});
