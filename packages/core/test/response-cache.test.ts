import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { callRoute, readStream, traceOf } from './support/route-call.js';

const price = { inputUsdPerMillion: 1000, outputUsdPerMillion: 1000 };

async function cachedRoute(provider: ProviderName = 'openai', replies = {}) {
  const clock = createFakeClock(1_000_000);
  const upstream = await fakeTarget(
    provider,
    'mini',
    {
      defaultReply: { text: 'cached words here', usage: { inputTokens: 10, outputTokens: 20 } },
      ...replies,
    },
    { price },
  );
  const decisions: DecisionTrace[] = [];
  const router = createRouter({
    targets: [upstream.target],
    routes: { main: { targets: ['mini'], cache: { ttlMs: 60_000 }, retry: { maxAttempts: 1 } } },
    clock,
    onDecision: (trace) => decisions.push(trace),
  });
  return { router, upstream, clock, decisions };
}

describe.each(['openai', 'anthropic'] as const)('the response cache (%s)', (provider) => {
  it('answers a repeated generate call from the cache with zero upstream requests', async () => {
    const { router, upstream, decisions } = await cachedRoute(provider);

    const first = await callRoute('generate', router.model('main'));
    const second = await callRoute('generate', router.model('main'));

    expect(upstream.server.requests.length).toBe(1);
    expect([first.text, second.text]).toEqual(['cached words here', 'cached words here']);
    expect(first.trace.cache).toBe('miss');
    expect(second.trace).toMatchObject({
      cache: 'hit',
      outcome: 'success',
      target: 'mini',
      attempts: [],
    });
    expect(second.trace.costSavedUsd).toBeCloseTo(0.03, 9);
    expect(second.trace.costUsd).toBeUndefined();
    expect(decisions.map((trace) => trace.cache)).toEqual(['miss', 'hit']);
    expect(router.stats().routes.main).toMatchObject({ calls: 2, successes: 2 });
  });

  it('replays a cached stream as a stream, part by part, with zero upstream requests', async () => {
    const { router, upstream } = await cachedRoute(provider);

    const first = await readStream(router.model('main'));
    const second = await readStream(router.model('main'));
    const text = (parts: typeof first.parts) =>
      parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
    const deltas = (parts: typeof first.parts) =>
      parts.filter((part) => part.type === 'text-delta').length;
    const finish = second.parts.find((part) => part.type === 'finish-step');

    expect(upstream.server.requests.length).toBe(1);
    expect([text(first.parts), text(second.parts)]).toEqual([
      'cached words here',
      'cached words here',
    ]);
    expect(deltas(second.parts)).toBe(deltas(first.parts));
    expect(second.errors).toEqual([]);
    expect(traceOf(finish?.providerMetadata)).toMatchObject({ cache: 'hit', attempts: [] });
  });
});

describe('what the cache keys on and never keeps', () => {
  it('misses when a setting, the prompt, the user or the mode changes, and after the TTL', async () => {
    const { router, upstream, clock } = await cachedRoute();
    const call = (options: {
      temperature?: number;
      prompt?: string;
      model?: ReturnType<typeof router.model>;
    }) =>
      generateText({
        model: options.model ?? router.model('main'),
        prompt: options.prompt ?? 'hi',
        temperature: options.temperature,
      });

    await call({});
    await call({});
    await call({ temperature: 0.5 });
    await call({ prompt: 'hello' });
    await call({ model: router.createClient({ metadata: { user: 'alice' } }).model('main') });
    await readStream(router.model('main'));
    const beforeExpiry = upstream.server.requests.length;
    clock.advance(60_000);
    await call({});

    expect(beforeExpiry).toBe(5);
    expect(upstream.server.requests.length).toBe(6);
  });

  it('never caches an error', async () => {
    const { router, upstream } = await cachedRoute('openai', { replies: [{ status: 503 }] });

    const failed = await generateText({
      model: router.model('main'),
      prompt: 'hi',
      maxRetries: 0,
    }).catch((error: unknown) => error);
    const next = await callRoute('generate', router.model('main'));

    expect(failed).toBeInstanceOf(Error);
    expect(next.trace.cache).toBe('miss');
    expect(upstream.server.requests.length).toBe(2);
  });

  it('never caches a stream that broke after content', async () => {
    const { router, upstream } = await cachedRoute('openai', {
      replies: [{ text: 'one two three', chunks: 3, resetAfterChunks: 1 }],
    });

    const broken = await readStream(router.model('main'));
    const next = await readStream(router.model('main'));
    const again = await readStream(router.model('main'));

    expect(broken.errors.length).toBe(1);
    expect(next.errors).toEqual([]);
    expect(upstream.server.requests.length).toBe(2);
    const finish = again.parts.find((part) => part.type === 'finish-step');
    expect(traceOf(finish?.providerMetadata).cache).toBe('hit');
  });

  it('keeps routes without `cache` uncached', async () => {
    const upstream = await fakeTarget('openai', 'mini');
    const router = createRouter({
      targets: [upstream.target],
      routes: { main: { targets: ['mini'] } },
    });

    const first = await callRoute('generate', router.model('main'));
    await callRoute('generate', router.model('main'));

    expect(first.trace.cache).toBeUndefined();
    expect(upstream.server.requests.length).toBe(2);
  });
});
