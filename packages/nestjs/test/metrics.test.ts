import { describe, expect, it } from 'vitest';
import { LlmRouterModule } from '../src/index.js';
import { AnswerController } from './support/answer-controller.js';
import { fakeRouterOptions } from './support/fake-providers.js';
import { startApp } from './support/start-app.js';

describe('LlmRouterModule.forRoot({ metrics })', () => {
  it('serves GET /metrics with the counters the fake providers saw', async () => {
    const { options, servers } = await fakeRouterOptions({
      openai: { replies: [{ status: 503, error: 'unavailable' }] },
    });
    const { http } = await startApp({
      imports: [LlmRouterModule.forRoot({ ...options, metrics: true })],
      controllers: [AnswerController],
    });
    await http.post('/answer').send({ prompt: 'one', route: 'main' }).expect(201);
    await http.post('/answer').send({ prompt: 'two', route: 'main' }).expect(201);
    expect([servers.openai.requests.length, servers.anthropic.requests.length]).toEqual([2, 1]);

    const { text, headers } = await http.get('/metrics').expect(200);
    expect(headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain(
      'modelmux_attempts_total{route="main",target="openai",provider="openai",outcome="error",error_class="retryable-transient"} 1',
    );
    expect(text).toContain(
      'modelmux_attempts_total{route="main",target="openai",provider="openai",outcome="success",error_class=""} 1',
    );
    expect(text).toContain(
      'modelmux_calls_total{route="main",target="anthropic",outcome="success",error_class=""} 1',
    );
    expect(text).toContain('modelmux_breaker_state{target="openai"} 0');
  });

  it('takes a path and a token, and is off by default', async () => {
    const { options } = await fakeRouterOptions();
    const token = 'nest-scrape-token-0123456789';
    const { http } = await startApp({
      imports: [LlmRouterModule.forRoot({ ...options, metrics: { path: 'ops/metrics', token } })],
    });
    await http.get('/ops/metrics').expect(401);
    const { text } = await http
      .get('/ops/metrics')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(text).toContain('modelmux_breaker_state{target="openai"} 0');
    await http.get('/metrics').expect(404);

    const { http: plain } = await startApp({ imports: [LlmRouterModule.forRoot(options)] });
    await plain.get('/metrics').expect(404);
  });
});
