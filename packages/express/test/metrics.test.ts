import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createMetrics, createRouter } from '@modelmux/core';
import { startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import express from 'express';
import { Registry } from 'prom-client';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { llmErrorHandler, llmMetrics, llmRouter } from '../src/index.js';

/** `name{a="x",b="y"} 3` lines into a lookup by `name{a="x",b="y"}` (labels as printed). */
function samples(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

/** Primary (OpenAI) then backup (Anthropic, priced), over real HTTP, in an Express app. */
async function scriptedApp() {
  const [openai, anthropic] = await Promise.all([
    startFakeOpenAI(),
    startFakeAnthropic({ defaultReply: { usage: { inputTokens: 10, outputTokens: 5 } } }),
  ]);
  onTestFinished(() => Promise.all([openai.close(), anthropic.close()]).then(() => {}));
  const router = createRouter({
    targets: [
      {
        id: 'primary',
        model: createOpenAI({ baseURL: openai.baseURL, apiKey: openai.apiKey }).chat(
          'gpt-4.1-mini',
        ),
      },
      {
        id: 'backup',
        model: createAnthropic({ baseURL: anthropic.baseURL, apiKey: anthropic.apiKey })(
          'claude-haiku-4-5',
        ),
        price: { inputUsdPerMillion: 1, outputUsdPerMillion: 2 },
      },
    ],
    routes: { main: { targets: ['primary', 'backup'] } },
    breaker: { consecutiveFailures: 2, cooldownMs: 60_000 },
  });
  const app = express();
  app.get('/metrics', llmMetrics({ router }));
  app.use(llmRouter({ router }));
  app.post('/ask', async (req, res) => {
    const { text } = await generateText({ model: req.llm.model('main'), prompt: 'hi' });
    res.json({ text });
  });
  app.use(llmErrorHandler());
  return { app: supertest(app), router, openai, anthropic };
}

describe('GET /metrics (Express)', () => {
  it('counts what the fake providers saw, and shows the tripped breaker', async () => {
    const { app, openai, anthropic } = await scriptedApp();
    openai.failNext(2, { status: 503, error: 'unavailable' });
    for (let call = 0; call < 4; call += 1) await app.post('/ask').expect(200);

    // What the providers saw: primary failed twice (then its breaker opened), backup answered 4.
    expect(openai.requests.map((request) => request.status)).toEqual([503, 503]);
    expect(anthropic.requests.map((request) => request.status)).toEqual([200, 200, 200, 200]);

    const response = await app.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = samples(response.text);
    const value = (key: string) => metrics.get(key);
    expect(
      value(
        'modelmux_attempts_total{route="main",target="primary",provider="openai",outcome="error",error_class="retryable-transient"}',
      ),
    ).toBe(openai.requests.length);
    expect(
      value(
        'modelmux_attempts_total{route="main",target="backup",provider="anthropic",outcome="success",error_class=""}',
      ),
    ).toBe(anthropic.requests.length);
    expect(
      value('modelmux_calls_total{route="main",target="backup",outcome="success",error_class=""}'),
    ).toBe(4);
    expect(value('modelmux_fail_overs_total{route="main",target="primary"}')).toBe(2);
    expect(value('modelmux_breaker_state{target="primary"}')).toBe(2);
    expect(value('modelmux_breaker_state{target="backup"}')).toBe(0);
    expect(value('modelmux_breaker_transitions_total{target="primary",state="open"}')).toBe(1);
    expect(value('modelmux_tokens_total{route="main",target="backup",type="input"}')).toBe(40);
    expect(value('modelmux_tokens_total{route="main",target="backup",type="output"}')).toBe(20);
    expect(value('modelmux_cost_usd_total{route="main",target="backup"}')).toBeCloseTo(
      (4 * (10 * 1 + 5 * 2)) / 1e6,
      12,
    );
    expect(value('modelmux_call_duration_seconds_count{route="main",outcome="success"}')).toBe(4);
    expect(value('modelmux_calls_in_flight{route="main"}')).toBe(0);
    expect(value('modelmux_attempts_in_flight{target="backup"}')).toBe(0);
    expect(value('modelmux_target_cooling_down{target="primary"}')).toBe(0);
  });

  it('with a token, answers 401 unless the scrape presents it', async () => {
    const { router } = await scriptedApp();
    const app = express();
    app.get('/metrics', llmMetrics({ router, token: 'scrape-token-0123456789' }));
    const agent = supertest(app);
    const denied = await agent.get('/metrics').expect(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer');
    expect(denied.text).not.toContain('modelmux_');
    await agent.get('/metrics').set('authorization', 'Bearer wrong').expect(401);
    const allowed = await agent
      .get('/metrics')
      .set('authorization', 'Bearer scrape-token-0123456789')
      .expect(200);
    expect(allowed.text).toContain('modelmux_breaker_state{target="primary"} 0');
  });

  it("registers on the app's own registry, next to its metrics", async () => {
    const { router } = await scriptedApp();
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'checkout' });
    const metrics = createMetrics(router, { registry });
    onTestFinished(() => metrics.close());
    const app = express();
    app.get('/metrics', llmMetrics({ metrics }));
    const { text } = await supertest(app).get('/metrics').expect(200);
    expect(text).toContain('modelmux_breaker_state{target="primary",service="checkout"} 0');
    metrics.close();
    expect(await registry.metrics()).not.toContain('modelmux_');
  });
});
