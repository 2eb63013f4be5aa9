import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { type Attributes, context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { RouterOptions } from '../src/options/router-options.js';
import { readStream } from './support/route-call.js';

// Keys shaped like real ones: each fake accepts its canary, and no span may carry either.
const openaiKey = 'sk-canary-openai-0123456789abcdefghij';
const anthropicKey = 'sk-ant-canary-9876543210zyxwvutsrq';
const secrets = [openaiKey, anthropicKey, '0123456789abcdefghij', '9876543210zyxwvutsrq'];
const prompt = 'summarise the confidential memo about project kestrel';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const appTracer = provider.getTracer('the-app');

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
afterEach(() => exporter.reset());

/** A route 'main': OpenAI first (scripted), then Anthropic (scripted), over real HTTP. */
async function failOverRouter(
  replies: { openai: object[]; anthropic: object[] },
  options: Partial<RouterOptions> = {},
) {
  const [openai, anthropic] = await Promise.all([
    startFakeOpenAI({ apiKey: openaiKey, replies: replies.openai }),
    startFakeAnthropic({ apiKey: anthropicKey, replies: replies.anthropic }),
  ]);
  onTestFinished(() => Promise.all([openai.close(), anthropic.close()]).then(() => {}));
  const router = createRouter({
    targets: [
      {
        id: 'primary',
        model: createOpenAI({ baseURL: openai.baseURL, apiKey: openaiKey }).chat('gpt-4.1-mini'),
      },
      {
        id: 'backup',
        model: createAnthropic({ baseURL: anthropic.baseURL, apiKey: anthropicKey })(
          'claude-haiku-4-5',
        ),
      },
    ],
    routes: { main: { targets: ['primary', 'backup'] } },
    ...options,
  });
  return { router, openai, anthropic };
}

/** The spans the router made, after a flush, with their parents resolved. */
async function finishedSpans(): Promise<ReadableSpan[]> {
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

function named(spans: ReadableSpan[], name: string): ReadableSpan {
  const span = spans.find((entry) => entry.name === name);
  if (!span) throw new Error(`no span '${name}' in ${spans.map((entry) => entry.name).join(', ')}`);
  return span;
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const attributesOf = (span: ReadableSpan): Attributes => span.attributes;

describe('OpenTelemetry spans', () => {
  it('a fail-over call yields the app span > call span > one CLIENT span per attempt', async () => {
    const { router, openai } = await failOverRouter({
      openai: [{ status: 503, error: 'server-error' }],
      anthropic: [{ text: 'ok', usage: { inputTokens: 11, outputTokens: 3 } }],
    });
    const text = await appTracer.startActiveSpan('handle request', async (span) => {
      const result = await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
      span.end();
      return result.text;
    });
    expect(text).toBe('ok');
    const spans = await finishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual([
      'chat claude-haiku-4-5',
      'chat gpt-4.1-mini',
      'chat main',
      'handle request',
    ]);
    const app = named(spans, 'handle request');
    const call = named(spans, 'chat main');
    const first = named(spans, 'chat gpt-4.1-mini');
    const second = named(spans, 'chat claude-haiku-4-5');
    // The tree: the caller's active span is the call span's parent.
    expect(parentOf(call)).toBe(app.spanContext().spanId);
    expect(parentOf(first)).toBe(call.spanContext().spanId);
    expect(parentOf(second)).toBe(call.spanContext().spanId);
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect([call.kind, first.kind, second.kind]).toEqual([
      SpanKind.INTERNAL,
      SpanKind.CLIENT,
      SpanKind.CLIENT,
    ]);

    expect(attributesOf(call)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'main',
      'gen_ai.response.model': 'claude-haiku-4-5',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 3,
      'modelmux.route': 'main',
      'modelmux.strategy': 'priority',
      'modelmux.operation': 'generate',
      'modelmux.outcome': 'success',
      'modelmux.target': 'backup',
      'modelmux.attempts': 2,
      'modelmux.candidates': ['primary', 'backup'],
    });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'modelmux.fail_over',
        {
          'modelmux.target': 'primary',
          'modelmux.attempt': 1,
          'modelmux.error_class': 'retryable-transient',
          'modelmux.reason': 'server-error',
        },
      ],
    ]);

    expect(attributesOf(first)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1-mini',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(openai.url).port),
      'modelmux.target': 'primary',
      'modelmux.attempt': 1,
      'modelmux.outcome': 'error',
      'modelmux.error_class': 'retryable-transient',
      'modelmux.next': 'fail-over',
      'error.type': 'server-error',
      'http.response.status_code': 503,
    });
    expect(first.status.code).toBe(SpanStatusCode.ERROR);
    expect(attributesOf(second)).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.response.model': 'claude-haiku-4-5',
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 3,
      'modelmux.attempt': 2,
      'modelmux.outcome': 'success',
    });
    expect(second.attributes['error.type']).toBeUndefined();
    // Real timing: the attempts run one after the other inside the call. The SDK anchors each
    // span's start on Date.now() and times it on performance.now(): allow 2 ms of skew.
    const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6;
    const skewMs = 2;
    expect(ms(first.startTime)).toBeGreaterThanOrEqual(ms(call.startTime) - skewMs);
    expect(ms(second.startTime)).toBeGreaterThanOrEqual(ms(first.endTime) - skewMs);
    expect(ms(call.endTime)).toBeGreaterThanOrEqual(ms(second.endTime) - skewMs);
    expect(ms(app.endTime)).toBeGreaterThanOrEqual(ms(call.endTime) - skewMs);
  });

  it('no span carries a key, and by default no prompt text', async () => {
    const { router } = await failOverRouter({
      openai: [{ status: 401, error: 'unauthorized' }],
      anthropic: [],
    });
    await expect(
      generateText({ model: router.model('main'), prompt, maxRetries: 0 }),
    ).rejects.toThrow();
    const { router: second } = await failOverRouter({
      openai: [{ status: 429, error: 'rate-limited', retryAfterS: 1 }],
      anthropic: [{ text: 'fine' }],
    });
    await generateText({ model: second.model('main'), prompt, maxRetries: 0 });
    await readStream(second.model('main'), prompt);
    const spans = await finishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(7);
    const rejected = spans.find(
      (span) => span.name === 'chat main' && span.attributes['modelmux.outcome'] === 'rejected',
    );
    expect(rejected?.status.code).toBe(SpanStatusCode.ERROR);
    expect(rejected?.attributes['error.type']).toBe('unauthorized');
    const serialised = JSON.stringify(
      spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
        links: span.links,
      })),
    );
    for (const secret of secrets) expect(serialised).not.toContain(secret);
    expect(serialised).not.toContain('kestrel');
    expect(serialised).not.toContain('gen_ai.input.messages');
  });

  it('records the prompt as gen_ai.input.messages with telemetry.recordContent', async () => {
    const { router } = await failOverRouter(
      { openai: [{ text: 'ok' }], anthropic: [] },
      { telemetry: { recordContent: true } },
    );
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    const call = named(await finishedSpans(), 'chat main');
    const messages = JSON.parse(String(call.attributes['gen_ai.input.messages']));
    expect(messages).toEqual([{ role: 'user', content: [{ type: 'text', text: prompt }] }]);
  });

  it('a stream keeps its spans open until it ends, and a breaker trip is a span event', async () => {
    const { router } = await failOverRouter(
      {
        openai: [{ status: 503, error: 'unavailable' }],
        anthropic: [{ text: 'one two three', chunks: 3, chunkDelayMs: 20 }],
      },
      { breaker: { consecutiveFailures: 1 } },
    );
    const { parts, errors } = await readStream(router.model('main'), prompt);
    expect(errors).toEqual([]);
    const finishedAt = performance.timeOrigin + performance.now();
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    const spans = await finishedSpans();
    const call = named(spans, 'chat main');
    const first = named(spans, 'chat gpt-4.1-mini');
    const second = named(spans, 'chat claude-haiku-4-5');
    expect(call.attributes['modelmux.operation']).toBe('stream');
    expect(
      first.events.map((event) => [event.name, event.attributes?.['modelmux.target']]),
    ).toEqual([['modelmux.breaker_open', 'primary']]);
    expect(call.events.map((event) => event.name)).toEqual([
      'modelmux.breaker_open',
      'modelmux.fail_over',
    ]);
    // The second attempt spans the stream's three chunks, 20 ms apart.
    const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6;
    expect(ms(second.endTime) - ms(second.startTime)).toBeGreaterThanOrEqual(35);
    expect(ms(call.endTime)).toBeLessThanOrEqual(finishedAt + 1);
    expect(second.attributes['modelmux.time_to_first_token_ms']).toBeTypeOf('number');
  });

  it('a hedge marks its attempt span, the loser is not an error, and the call span names the winner', async () => {
    // The primary's first byte takes 5 s (the hedge after 50 ms wins long before); the loser is
    // cancelled, which closes its socket.
    const { router } = await failOverRouter(
      {
        openai: [{ text: 'slow', firstByteDelayMs: 5_000 }],
        anthropic: [{ text: 'fast' }],
      },
      { routes: { main: { targets: ['primary', 'backup'], hedge: { afterMs: 50 } } } },
    );
    const result = await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    expect(result.text).toBe('fast');
    const spans = await finishedSpans();
    const call = named(spans, 'chat main');
    const slow = named(spans, 'chat gpt-4.1-mini');
    const hedge = named(spans, 'chat claude-haiku-4-5');
    expect(attributesOf(call)).toMatchObject({
      'modelmux.hedge': true,
      'modelmux.hedge.target': 'backup',
      'modelmux.hedge.after_ms': 50,
      'modelmux.hedge.winner': 'backup',
      'modelmux.hedge.outcome': 'won',
      'modelmux.target': 'backup',
      'modelmux.attempts': 2,
    });
    expect(attributesOf(hedge)).toMatchObject({
      'modelmux.hedge': true,
      'modelmux.outcome': 'success',
    });
    expect(attributesOf(slow)).toMatchObject({
      'modelmux.hedge_lost': true,
      'modelmux.outcome': 'aborted',
    });
    expect(attributesOf(slow)['modelmux.hedge']).toBeUndefined();
    expect(attributesOf(slow)['error.type']).toBeUndefined();
    expect([slow.status.code, hedge.status.code, call.status.code]).toEqual([
      SpanStatusCode.UNSET,
      SpanStatusCode.UNSET,
      SpanStatusCode.UNSET,
    ]);
  });

  it('skipped candidates show as events on the call span', async () => {
    const { router } = await failOverRouter(
      {
        openai: [{ status: 503, error: 'unavailable' }],
        anthropic: [{ text: 'a' }, { text: 'b' }],
      },
      { breaker: { consecutiveFailures: 1, cooldownMs: 60_000 } },
    );
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    exporter.reset();
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    const spans = await finishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['chat claude-haiku-4-5', 'chat main']);
    const call = named(spans, 'chat main');
    expect(call.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'modelmux.candidate_skipped',
        { 'modelmux.target': 'primary', 'modelmux.skip_reason': 'breaker-open' },
      ],
    ]);
  });

  it('a cache hit is a call span of its own, with no attempt under it', async () => {
    const { router, openai } = await failOverRouter(
      { openai: [{ text: 'ok', usage: { inputTokens: 10, outputTokens: 2 } }], anthropic: [] },
      { routes: { main: { targets: ['primary', 'backup'], cache: { ttlMs: 60_000 } } } },
    );
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    const miss = named(await finishedSpans(), 'chat main');
    expect(miss.attributes['modelmux.cache_hit']).toBe(false);
    exporter.reset();
    const { text } = await appTracer.startActiveSpan('handle request', async (span) => {
      const result = await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
      span.end();
      return result;
    });
    expect([text, openai.requests.length]).toEqual(['ok', 1]);
    const spans = await finishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['chat main', 'handle request']);
    const hit = named(spans, 'chat main');
    expect(parentOf(hit)).toBe(named(spans, 'handle request').spanContext().spanId);
    expect(hit.attributes).toMatchObject({
      'modelmux.cache_hit': true,
      'modelmux.attempts': 0,
      'modelmux.target': 'primary',
      'modelmux.outcome': 'success',
    });
    expect(hit.attributes['modelmux.cost_saved_usd']).toBeTypeOf('number');
  });

  it('telemetry.tracing: false makes no spans', async () => {
    const { router } = await failOverRouter(
      { openai: [{ text: 'ok' }], anthropic: [] },
      { telemetry: { tracing: false } },
    );
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    expect(await finishedSpans()).toEqual([]);
  });
});
