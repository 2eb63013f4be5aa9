import { createServer } from 'node:http';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, type DecisionTrace, httpErrorOf, RouterError } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import Koa, { type Middleware } from 'koa';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type LlmRouterOptions, llmErrorHandler, llmRouter } from '../src/index.js';

// What the shared adapter contract (test/adapters) does not cover: the options' edges, and the
// error handler leaving alone what is not modelmux's.

async function fakeRouter() {
  const server = await startFakeOpenAI();
  onTestFinished(() => server.close());
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
    'gpt-4.1-mini',
  );
  return createRouter({
    targets: [{ id: 'mini', model }],
    routes: { default: { targets: ['mini'] } },
  });
}

/** The app's own error handling, outside modelmux's: shows what reached it. */
const seeError: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const seen = (error as Error).message;
    if (ctx.headerSent) ctx.res.end(`| seen: ${seen}`);
    else [ctx.status, ctx.body] = [418, { seen }];
  }
};

function app(options: LlmRouterOptions, handler: Middleware, reported: unknown[] = []) {
  const app = new Koa();
  app.on('error', (error) => reported.push(error));
  app.use(seeError);
  app.use(llmErrorHandler());
  app.use(llmRouter(options));
  app.use(handler);
  return supertest(createServer(app.callback()));
}

class MisconfiguredError extends RouterError {
  constructor() {
    super({ name: 'MisconfiguredError', code: 'misconfigured', message: 'See /etc/secret.conf.' });
  }
}

class OverBudgetError extends RouterError {
  readonly httpStatus = 402;
  constructor() {
    super({
      name: 'OverBudgetError',
      code: 'over-budget',
      message: "Tenant 'acme' spent its budget.",
    });
  }
}

describe('@modelmux/koa', () => {
  it('names the request by the requestId option and merges the context into the trace', async () => {
    const router = await fakeRouter();
    const http = app(
      {
        router,
        requestId: (ctx) => ctx.get('x-correlation-id') || 'none',
        context: () => ({ tags: 'beta' }),
      },
      async (ctx) => {
        const result = await generateText({ model: ctx.llm.model(), prompt: 'hi' });
        const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
        ctx.body = trace.metadata;
      },
    );
    const response = await http.get('/').set('x-correlation-id', 'c-7');
    expect(response.body).toEqual({ requestId: 'c-7', tags: 'beta' });
  });

  it('rethrows errors that modelmux did not make', async () => {
    const http = app({ router: await fakeRouter() }, () => {
      throw new Error('the database is down');
    });
    const response = await http.get('/');
    expect([response.status, response.body]).toEqual([418, { seen: 'the database is down' }]);
  });

  it('answers a RouterError with the status httpErrorOf gives it, and its code', async () => {
    const reported: unknown[] = [];
    const http = app(
      { router: await fakeRouter() },
      () => {
        throw new OverBudgetError();
      },
      reported,
    );
    const response = await http.get('/');
    expect([response.status, response.body]).toEqual([
      402,
      { error: { code: 'over-budget', message: "Tenant 'acme' spent its budget." } },
    ]);
    expect(reported).toEqual([]);
  });

  it("emits a 5xx as the app's error event and answers with core's message, not the error's", async () => {
    const reported: unknown[] = [];
    const error = new MisconfiguredError();
    const http = app(
      { router: await fakeRouter() },
      () => {
        throw error;
      },
      reported,
    );
    const response = await http.get('/');
    expect([response.status, response.body]).toEqual([
      500,
      { error: { code: 'misconfigured', message: httpErrorOf(error).message } },
    ]);
    expect(response.text).not.toContain('secret');
    expect(reported).toEqual([error]);
  });

  it('rethrows a modelmux error raised after the response has started', async () => {
    const http = app({ router: await fakeRouter() }, (ctx) => {
      ctx.res.writeHead(200).write('partial ');
      throw new OverBudgetError();
    });
    const response = await http.get('/');
    expect([response.status, response.text]).toEqual([
      200,
      "partial | seen: Tenant 'acme' spent its budget.",
    ]);
  });
});
