import { createServer } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import { llmErrorHandler, llmRouter } from '@modelmux/koa';
import Koa from 'koa';
import {
  type AdapterAppFactory,
  closeServer,
  contextOf,
  contractRoutes,
  type GenerateBody,
  generateAnswer,
  listen,
  streamAnswer,
} from './app-factory.js';

/** The contract app on Koa 3 (routing by hand: no router package needed for five endpoints). */
export const koaApp: AdapterAppFactory = async (router) => {
  const app = new Koa();
  app.silent = true; // errors the error handler passes on are the test's to see, not stderr's
  app.use(llmErrorHandler());
  app.use(bodyParser());
  app.use(llmRouter({ router, context: (ctx) => contextOf(ctx.headers) }));
  app.use(async (ctx) => {
    const body = (ctx.request.body ?? {}) as GenerateBody;
    const route = `${ctx.method} ${ctx.path}`;
    if (route === 'POST /generate') {
      const answer = await generateAnswer(ctx.llm, body);
      ctx.set(answer.headers);
      ctx.body = answer.body;
    } else if (route === 'POST /stream') {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = streamAnswer(ctx.llm, body).textStream;
    } else if (route === 'GET /fail') {
      ctx.body = (await generateAnswer(ctx.llm, { route: contractRoutes.fail })).body;
    } else if (route === 'GET /reject') {
      ctx.body = (await generateAnswer(ctx.llm, { route: contractRoutes.reject })).body;
    } else if (route === 'GET /no-route') {
      ctx.body = (await generateAnswer(ctx.llm, { route: 'nope' })).body;
    }
  });
  const server = await listen(createServer(app.callback()));
  return { name: 'koa', server, close: () => closeServer(server) };
};
