import { createServer } from 'node:http';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import Koa from 'koa';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { llmMetrics, llmRouter } from '../src/index.js';

async function scriptedApp(token?: string) {
  const [down, up] = await Promise.all([startFakeOpenAI(), startFakeOpenAI()]);
  onTestFinished(() => Promise.all([down.close(), up.close()]).then(() => {}));
  const model = (server: typeof down) =>
    createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat('gpt-4.1-mini');
  const router = createRouter({
    targets: [
      { id: 'down', model: model(down) },
      { id: 'up', model: model(up) },
    ],
    routes: { main: { targets: ['down', 'up'] } },
    breaker: { consecutiveFailures: 1, cooldownMs: 60_000 },
  });
  const app = new Koa();
  app.use(llmMetrics({ router, token }));
  app.use(llmRouter({ router }));
  app.use(async (ctx) => {
    const { text } = await generateText({ model: ctx.llm.model('main'), prompt: 'hi' });
    ctx.body = { text };
  });
  return { agent: supertest(createServer(app.callback())), down, up };
}

describe('llmMetrics (Koa)', () => {
  it('serves GET /metrics with the counters and breaker state the fakes saw', async () => {
    const { agent, down, up } = await scriptedApp();
    down.failNext(1, { status: 500, error: 'server-error' });
    await agent.post('/ask').expect(200);
    await agent.post('/ask').expect(200);
    expect([down.requests.length, up.requests.length]).toEqual([1, 2]);
    const { text, headers } = await agent.get('/metrics').expect(200);
    expect(headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain(
      'modelmux_attempts_total{route="main",target="down",provider="openai",outcome="error",error_class="retryable-transient"} 1',
    );
    expect(text).toContain(
      'modelmux_attempts_total{route="main",target="up",provider="openai",outcome="success",error_class=""} 2',
    );
    expect(text).toContain('modelmux_breaker_state{target="down"} 2');
    expect(text).toContain('modelmux_breaker_state{target="up"} 0');
  });

  it('passes other requests on, and asks for the token when one is set', async () => {
    const { agent } = await scriptedApp('scrape-token-abcdefghijkl');
    await agent.get('/metrics').expect(401);
    await agent
      .get('/metrics')
      .set('authorization', 'Bearer scrape-token-abcdefghijkl')
      .expect(200);
    const { body } = await agent.post('/metrics').expect(200);
    expect(body.text).toMatch(/^echo: /);
  });
});
