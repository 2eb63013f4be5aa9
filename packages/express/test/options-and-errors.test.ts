import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, type DecisionTrace, httpErrorOf, RouterError } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
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

/** The app's own error handler, after modelmux's: shows what reached it. */
const seeError: ErrorRequestHandler = (error, _req, res, _next) => {
  const seen = (error as Error).message;
  if (res.headersSent) res.end(`| seen: ${seen}`);
  else res.status(418).json({ seen });
};

function app(options: LlmRouterOptions, handler: RequestHandler, reported: unknown[] = []) {
  const app = express();
  app.use(llmRouter(options));
  app.get('/', handler);
  app.use(llmErrorHandler({ onServerError: (event) => reported.push(event) }), seeError);
  return supertest(app);
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

describe('@modelmux/express', () => {
  it('names the request by the requestId option and merges the context into the trace', async () => {
    const router = await fakeRouter();
    const http = app(
      {
        router,
        requestId: (req) => req.get('x-correlation-id') ?? 'none',
        context: () => ({ tags: 'beta' }),
      },
      async (req, res) => {
        const result = await generateText({ model: req.llm.model(), prompt: 'hi' });
        const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
        res.json(trace.metadata);
      },
    );
    const response = await http.get('/').set('x-correlation-id', 'c-7');
    expect(response.body).toEqual({ requestId: 'c-7', tags: 'beta' });
  });

  it('passes errors that modelmux did not make to the next error handler', async () => {
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

  it("reports a 5xx to onServerError and answers with core's message, not the error's", async () => {
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
    expect(reported).toEqual([expect.objectContaining({ error, status: 500 })]);
  });

  it('passes on a modelmux error raised after the response has started', async () => {
    const http = app({ router: await fakeRouter() }, (_req, res, next) => {
      res.status(200).write('partial ');
      next(new OverBudgetError());
    });
    const response = await http.get('/');
    expect([response.status, response.text]).toEqual([
      200,
      "partial | seen: Tenant 'acme' spent its budget.",
    ]);
  });
});
