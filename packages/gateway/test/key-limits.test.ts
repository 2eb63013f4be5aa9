import { type Clock, createRouter, RouterConfigError } from '@modelmux/core';
import OpenAI from 'openai';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { createGatewayHandler } from '../src/create-gateway-handler.js';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';

const aliceKey = 'alice-key-0123456789abcdef';
const bobKey = 'bob-key-0123456789abcdef01';
const hi = [{ role: 'user' as const, content: 'hi' }];
// 15 s into a minute, at noon UTC: an RPM window resets in 45 s, a day's budget in 12 h.
const noon = Date.UTC(2026, 10, 25, 12, 0, 15);

/** Time stands still for the windows and periods; timers stay real. */
const stillClock: Clock = {
  now: () => noon,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('virtual key limits through the official openai client', () => {
  it('answers 429 rate_limit_exceeded with Retry-After once a key passes its RPM; other keys go on', async () => {
    const { target, server } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway(
      { targets: [target], routes: { main: { targets: ['mini'] } }, clock: stillClock },
      {
        keys: [
          { name: 'alice', key: aliceKey, limits: { rpm: 2 } },
          { name: 'bob', key: bobKey },
        ],
      },
    );
    const alice = gateway.openai({ apiKey: aliceKey, maxRetries: 0 });
    const bob = gateway.openai({ apiKey: bobKey, maxRetries: 0 });

    await alice.chat.completions.create({ model: 'main', messages: hi });
    await alice.chat.completions.create({ model: 'main', messages: hi });
    const refused = await alice.chat.completions
      .create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    const refusedStream = await alice.chat.completions
      .create({ model: 'main', messages: hi, stream: true })
      .catch((caught: unknown) => caught);
    const bobs = await bob.chat.completions.create({ model: 'main', messages: hi });

    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect([error.status, error.code, error.type]).toEqual([
      429,
      'rate_limit_exceeded',
      'rate_limit_error',
    ]);
    expect(error.headers.get('retry-after')).toBe('45');
    expect(error.headers.get('x-should-retry')).toBe('false');
    expect(error.message).toContain("key 'alice' reached its limit of 2 requests a minute");
    expect(error.message).not.toContain(aliceKey);
    expect(refusedStream).toBeInstanceOf(OpenAI.RateLimitError);
    expect(bobs.choices[0]?.message.content).toBe('echo: hi');
    expect(server.requests.length).toBe(3);
  });

  it('answers 429 insufficient_quota once a key has used its daily budget', async () => {
    const { target, server } = await fakeTarget(
      'openai',
      'mini',
      { defaultReply: { usage: { inputTokens: 10, outputTokens: 50 } } },
      { price: { inputUsdPerMillion: 200, outputUsdPerMillion: 200 } },
    );
    const gateway = await startGateway(
      { targets: [target], routes: { main: { targets: ['mini'] } }, clock: stillClock },
      { keys: [{ name: 'alice', key: aliceKey, budgets: [{ usd: 0.05, per: 'day' }] }] },
    );
    const alice = gateway.openai({ apiKey: aliceKey, maxRetries: 0 });

    let refused: unknown;
    let answered = 0;
    while (refused === undefined && answered < 10) {
      try {
        await alice.chat.completions.create({ model: 'main', messages: hi, max_tokens: 100 });
        answered += 1;
      } catch (caught) {
        refused = caught;
      }
    }

    // $0.012 a call (60 tokens at $200/M); each reserves ~$0.022 first: the 4th no longer fits.
    expect(answered).toBe(3);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe('insufficient_quota');
    expect(error.headers.get('retry-after')).toBe(String(12 * 3600 - 15));
    expect(server.requests.length).toBe(3);
  });
});

describe('virtual key limits over plain HTTP', () => {
  it('answers the OpenAI error shape with Retry-After (supertest on the handler)', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const router = createRouter({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
      clock: stillClock,
    });
    const handler = createGatewayHandler({
      router,
      keys: [{ name: 'ci', key: aliceKey, limits: { rpm: 1 } }],
    });
    const post = () =>
      supertest(handler)
        .post('/v1/chat/completions')
        .set('authorization', `Bearer ${aliceKey}`)
        .send({ model: 'main', messages: hi });

    const first = await post();
    const second = await post();

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('45');
    expect(second.body).toEqual({
      error: {
        message:
          "Route 'main': key 'ci' reached its limit of 1 requests a minute. Retry in 45 s, or raise the rpm limit.",
        type: 'rate_limit_error',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('rejects bad key limits by their path', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const router = createRouter({ targets: [target], routes: { main: { targets: ['mini'] } } });
    let error: unknown;
    try {
      createGatewayHandler({
        router,
        keys: [
          {
            name: 'ci',
            key: aliceKey,
            limits: { rpm: -1 },
            budgets: [{ usd: 5, per: 'week' as 'day' }],
          },
        ],
      });
    } catch (caught) {
      error = caught;
    }
    expect(RouterConfigError.isInstance(error)).toBe(true);
    const { issues } = error as RouterConfigError;
    expect(issues.map((issue) => issue.path)).toEqual([
      'gateway.keys[0].limits.rpm',
      'gateway.keys[0].budgets[0].per',
    ]);
  });
});
