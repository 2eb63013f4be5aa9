import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { type DecisionTrace, traceHeaders } from '@modelmux/core';
import { type LlmRouterOptions, llmErrorHandler, llmRouter } from '@modelmux/koa';
import { generateText, streamText } from 'ai';
import Koa from 'koa';

interface ChatBody {
  prompt?: string;
  route?: string;
}

/**
 * The app: modelmux's error handler first (it maps the errors of everything after it),
 * `ctx.llm` on every request (zero-config, or the router in `options`), and two endpoints.
 */
export function createApp(options: LlmRouterOptions = {}): Koa {
  const app = new Koa();
  // All targets down -> 503 with Retry-After; a bad key upstream -> 502; an unknown route -> 500.
  app.use(llmErrorHandler());
  app.use(bodyParser());
  app.use(llmRouter({ ...options, context: (ctx) => userOf(ctx.get('x-user')) }));

  const routes = new Router();
  // One answer, with the decision trace: which target answered, after how many attempts.
  routes.post('/chat', async (ctx) => {
    const { prompt = 'Say hello.', route } = (ctx.request.body ?? {}) as ChatBody;
    const result = await generateText({ model: ctx.llm.model(route), prompt });
    const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
    ctx.set(traceHeaders(trace));
    ctx.body = { text: result.text, trace };
  });
  // The answer streamed as it is written; closing the connection aborts the upstream call.
  routes.post('/chat/stream', (ctx) => {
    const { prompt = 'Say hello.', route } = (ctx.request.body ?? {}) as ChatBody;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = streamText({ model: ctx.llm.model(route), prompt }).textStream;
  });
  app.use(routes.routes()).use(routes.allowedMethods());
  return app;
}

function userOf(header: string): Record<string, string> | undefined {
  return header ? { user: header } : undefined;
}
