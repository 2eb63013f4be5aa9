import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../openai/gateway-error.js';
import { authenticate, authorize } from './authenticate.js';
import { digestOf } from './key-hash.js';

const keys = [
  { name: 'alice', digest: digestOf('alice-key'), routes: undefined },
  { name: 'bob', digest: digestOf('bob-key'), routes: new Set(['cheap']) },
];

function request(headers: Record<string, string>, remoteAddress = '127.0.0.1'): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

function statusOf(run: () => unknown): number | string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof GatewayError ? `${error.status} ${error.code}` : String(error);
  }
}

describe('authenticate', () => {
  it('takes the key from Authorization: Bearer or x-api-key', () => {
    const options = { auth: 'keys' as const, keys };
    expect(authenticate(request({ authorization: 'Bearer alice-key' }), options).keyName).toBe(
      'alice',
    );
    expect(authenticate(request({ authorization: 'bearer  bob-key ' }), options).keyName).toBe(
      'bob',
    );
    expect(authenticate(request({ 'x-api-key': 'bob-key' }), options).keyName).toBe('bob');
    // A non-Bearer Authorization does not hide an x-api-key.
    expect(
      authenticate(request({ authorization: 'Basic eA==', 'x-api-key': 'alice-key' }), options)
        .keyName,
    ).toBe('alice');
  });

  it('answers 401 for a missing or unknown key', () => {
    const options = { auth: 'keys' as const, keys };
    expect([
      statusOf(() => authenticate(request({}), options)),
      statusOf(() => authenticate(request({ authorization: 'Bearer nope' }), options)),
      statusOf(() => authenticate(request({ 'x-api-key': ' ' }), options)),
    ]).toEqual(['401 missing_api_key', '401 invalid_api_key', '401 missing_api_key']);
  });

  it('with no keys, serves loopback clients only', () => {
    const options = { auth: 'open-loopback' as const, keys: [] };
    expect([
      statusOf(() => authenticate(request({}, '127.0.0.1'), options)),
      statusOf(() => authenticate(request({}, '::ffff:127.0.0.1'), options)),
      statusOf(() => authenticate(request({}, '::1'), options)),
      statusOf(() => authenticate(request({}, '10.0.0.7'), options)),
    ]).toEqual(['ok', 'ok', 'ok', '401 missing_api_key']);
  });

  it("with auth 'none', serves anyone", () => {
    expect(authenticate(request({}, '10.0.0.7'), { auth: 'none', keys }).keyName).toBeUndefined();
  });
});

describe('authorize', () => {
  it("answers 403 for a route outside the key's list", () => {
    expect([
      statusOf(() => authorize({ keyName: 'bob', routes: new Set(['cheap']) }, 'cheap')),
      statusOf(() => authorize({ keyName: 'bob', routes: new Set(['cheap']) }, 'smart')),
      statusOf(() => authorize({ keyName: 'alice', routes: undefined }, 'smart')),
    ]).toEqual(['ok', '403 model_not_allowed', 'ok']);
  });
});
