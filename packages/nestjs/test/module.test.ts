import { createRouter, type Router } from '@modelmux/core';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { LLM_ROUTER, LlmRouterModule, LlmRouterService } from '../src/index.js';
import { AnswerController } from './support/answer-controller.js';
import { fakeRouterOptions } from './support/fake-providers.js';
import { startApp } from './support/start-app.js';

/** Plain code outside HTTP (a queue worker, a cron job) that uses the router through the service. */
@Injectable()
class DigestJob {
  constructor(@Inject(LlmRouterService) private readonly llm: LlmRouterService) {}

  async run(prompt: string) {
    const { text } = await generateText({ model: this.llm.model('smart'), prompt });
    return text;
  }
}

describe('LlmRouterModule.forRoot', () => {
  it('builds the router from router options and answers through @Llm()', async () => {
    const { options, servers } = await fakeRouterOptions({
      openai: { replies: [{ status: 503 }] },
    });
    const { http } = await startApp({
      imports: [LlmRouterModule.forRoot(options)],
      controllers: [AnswerController],
    });

    const response = await http.post('/answer').send({ prompt: 'hello', route: 'main' });

    expect(response.status).toBe(201);
    expect(response.body.text).toBe('echo: hello');
    expect(
      response.body.trace.attempts.map(
        ({ target, status }: { target: string; status?: number }) => [target, status],
      ),
    ).toEqual([
      ['openai', 503],
      ['anthropic', undefined],
    ]);
    expect([servers.openai.requests.length, servers.anthropic.requests.length]).toEqual([1, 1]);
  });

  it('uses a router passed as `router`, injectable as LLM_ROUTER, and leaves closing it to its owner', async () => {
    const { options } = await fakeRouterOptions();
    const router = createRouter(options);
    let closes = 0;
    const watched: Router = {
      ...router,
      async close() {
        closes += 1;
      },
    };
    const { app } = await startApp({ imports: [LlmRouterModule.forRoot({ router: watched })] });

    expect(app.get(LLM_ROUTER)).toBe(watched);
    await app.close();
    expect(closes).toBe(0);
  });

  it('closes a router it built when the app shuts down', async () => {
    const { options } = await fakeRouterOptions();
    let closes = 0;
    const store = (await import('@modelmux/core')).memoryStore();
    const { app } = await startApp({
      imports: [
        LlmRouterModule.forRoot({
          ...options,
          store: {
            ...store,
            async close() {
              closes += 1;
            },
          },
        }),
      ],
    });

    await app.close();
    expect(closes).toBe(1);
  });

  it('gives plain providers the router through LlmRouterService', async () => {
    const { options, servers } = await fakeRouterOptions();
    const { app } = await startApp({
      imports: [LlmRouterModule.forRoot(options)],
      providers: [DigestJob],
    });

    expect(await app.get(DigestJob).run('the news')).toBe('echo: the news');
    const service = app.get(LlmRouterService);
    expect(service.stats().routes.smart).toMatchObject({ calls: 1, successes: 1 });
    expect(servers.anthropic.requests).toHaveLength(1);
  });

  it('tags calls made through service.client() with the metadata given, and reports them to on()', async () => {
    const { options } = await fakeRouterOptions();
    const { app } = await startApp({ imports: [LlmRouterModule.forRoot(options)] });
    const service = app.get(LlmRouterService);
    const routes: string[] = [];
    service.on('decision', (trace) => routes.push(`${trace.route}:${trace.metadata?.job}`));

    const client = service.client({ metadata: { job: 'digest' } });
    await generateText({ model: client.model('cheap'), prompt: 'hi' });

    expect(routes).toEqual(['cheap:digest']);
  });
});

describe('isGlobal', () => {
  async function compileFeature(isGlobal: boolean) {
    const { options } = await fakeRouterOptions();
    @Module({ providers: [DigestJob] })
    class FeatureModule {}
    return Test.createTestingModule({
      imports: [LlmRouterModule.forRoot({ ...options, isGlobal }), FeatureModule],
    }).compile();
  }

  it('makes LlmRouterService injectable in modules that do not import LlmRouterModule', async () => {
    const moduleRef = await compileFeature(true);
    expect(moduleRef.get(DigestJob)).toBeInstanceOf(DigestJob);
    await moduleRef.close();
  });

  it('keeps it to importing modules by default', async () => {
    await expect(compileFeature(false)).rejects.toThrow(/LlmRouterService/);
  });
});
