import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget, providerNames } from './support/providers.js';
import { oversizedRequest, rawRequest } from './support/raw-http.js';

const key = 'good-key-0123456789abcdef';
const otherRouteKey = 'other-key-0123456789abcdef';
const json = { 'content-type': 'application/json' };
const auth = { ...json, authorization: `Bearer ${key}` };
const good = JSON.stringify({ model: 'main', messages: [{ role: 'user', content: 'hi' }] });

async function setup() {
  const { target } = await fakeTarget('openai', 'mini');
  const gateway = await startGateway(
    { targets: [target], routes: { main: { targets: ['mini'] }, other: { targets: ['mini'] } } },
    {
      keys: [
        { name: 'good', key },
        { name: 'other-only', key: otherRouteKey, routes: ['other'] },
      ],
      bodyLimitBytes: 1024 * 1024,
    },
  );
  const chat = `${gateway.url}/v1/chat/completions`;
  /** The gateway still serves a good request. */
  const stillServes = async () => {
    const response = await rawRequest(chat, { headers: auth, body: good });
    expect([
      response.status,
      (response.json.choices as { message: { content: string } }[])[0]?.message.content,
    ]).toEqual([200, 'echo: hi']);
  };
  return { gateway, chat, stillServes };
}

const badBodies: [string, string, Record<string, string>, number, string | null][] = [
  ['malformed JSON', '{"model": "main", "messages": [', json, 400, null],
  ['an empty body', '', json, 400, null],
  ['a JSON array', '[1, 2]', json, 400, 'body'],
  [
    'messages of the wrong type',
    JSON.stringify({ model: 'main', messages: 'hi' }),
    json,
    400,
    'messages',
  ],
  ['model of the wrong type', JSON.stringify({ model: 7, messages: [] }), json, 400, 'model'],
  [
    'max_tokens of the wrong type',
    JSON.stringify({
      model: 'main',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: '10',
    }),
    json,
    400,
    'max_tokens',
  ],
  ['a form body', 'model=main', { 'content-type': 'application/x-www-form-urlencoded' }, 415, null],
];

describe('bad input over raw HTTP, each followed by a good request', () => {
  it.each(badBodies)('%s', async (_name, body, headers, status, param) => {
    const { chat, stillServes } = await setup();
    const response = await rawRequest(chat, {
      headers: { ...headers, authorization: `Bearer ${key}` },
      body,
    });
    expect([response.status, response.json.error?.param ?? null]).toEqual([status, param]);
    expect(response.json.error?.message).toEqual(expect.any(String));
    expect(response.headers['x-should-retry']).toBe('false');
    await stillServes();
  });

  it.each([false, true])(
    'a 20 MB body is refused with 413 before it is read (chunked: %s)',
    async (chunked) => {
      const { chat, stillServes } = await setup();
      const totalBytes = 20 * 1024 * 1024;
      const result = await oversizedRequest(chat, {
        totalBytes,
        chunked,
        headers: { authorization: `Bearer ${key}` },
      });
      expect([result.status, JSON.parse(result.body).error.code, result.connection]).toEqual([
        413,
        'request_too_large',
        'close',
      ]);
      // The answer came while most of the body was still unsent.
      expect(result.sentBytes).toBeLessThan(totalBytes / 2);
      await stillServes();
    },
  );

  it('an unknown model is a 404 model_not_found', async () => {
    const { chat, stillServes } = await setup();
    const response = await rawRequest(chat, {
      headers: auth,
      body: JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect([response.status, response.json.error?.code, response.json.error?.param]).toEqual([
      404,
      'model_not_found',
      'model',
    ]);
    await stillServes();
  });

  it.each([
    ['no key', {}, 401, 'missing_api_key'],
    [
      'a wrong Bearer key',
      { authorization: 'Bearer wrong-key-0123456789' },
      401,
      'invalid_api_key',
    ],
    ['a wrong x-api-key', { 'x-api-key': 'wrong-key-0123456789' }, 401, 'invalid_api_key'],
    [
      'a key for another route',
      { authorization: `Bearer ${otherRouteKey}` },
      403,
      'model_not_allowed',
    ],
  ])('%s', async (_name, headers, status, code) => {
    const { chat, stillServes } = await setup();
    const response = await rawRequest(chat, { headers: { ...json, ...headers }, body: good });
    expect([response.status, response.json.error?.code]).toEqual([status, code]);
    expect(response.text).not.toContain('wrong-key');
    await stillServes();
  });

  it('x-api-key works as well as Bearer', async () => {
    const { chat } = await setup();
    const response = await rawRequest(chat, { headers: { ...json, 'x-api-key': key }, body: good });
    expect(response.status).toBe(200);
  });

  it.each([
    ['GET', '/v1/chat/completions', 405],
    ['DELETE', '/v1/models', 405],
    ['POST', '/v1/completions', 404],
    ['GET', '/', 404],
  ])('%s %s is a %i in the OpenAI shape', async (method, path, status) => {
    const { gateway, stillServes } = await setup();
    const response = await rawRequest(`${gateway.url}${path}`, { method, headers: auth });
    expect([response.status, typeof response.json.error?.message]).toEqual([status, 'string']);
    await stillServes();
  });
});

describe.each(providerNames)('bad input does not reach the %s upstream', (provider) => {
  it('rejects before calling the provider', async () => {
    const { target, server } = await fakeTarget(provider, 'up');
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['up'] } },
    });
    const response = await rawRequest(`${gateway.url}/v1/chat/completions`, {
      headers: json,
      body: JSON.stringify({ model: 'main', messages: [{ role: 'wizard', content: 'hi' }] }),
    });
    expect([response.status, server.requests.length]).toEqual([400, 0]);
  });
});
