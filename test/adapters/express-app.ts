import { createServer } from 'node:http';
import { llmErrorHandler, llmRouter } from '@modelmux/express';
import express from 'express';
import {
  type AdapterAppFactory,
  closeServer,
  contextOf,
  contractRoutes,
  generateAnswer,
  listen,
  streamAnswer,
} from './app-factory.js';

/** The contract app on Express 5. */
export const expressApp: AdapterAppFactory = async (router) => {
  const app = express();
  app.use(express.json());
  app.use(llmRouter({ router, context: (req) => contextOf(req.headers) }));
  app.post('/generate', async (req, res) => {
    const { headers, body } = await generateAnswer(req.llm, req.body ?? {});
    res.set(headers).json(body);
  });
  app.post('/stream', (req, res) => {
    streamAnswer(req.llm, req.body ?? {}).pipeTextStreamToResponse(res);
  });
  app.get('/fail', async (req, res) => {
    res.json((await generateAnswer(req.llm, { route: contractRoutes.fail })).body);
  });
  app.get('/reject', async (req, res) => {
    res.json((await generateAnswer(req.llm, { route: contractRoutes.reject })).body);
  });
  app.get('/no-route', async (req, res) => {
    res.json((await generateAnswer(req.llm, { route: 'nope' })).body);
  });
  app.use(llmErrorHandler({ onServerError: () => {} })); // logging is the package tests' concern
  const server = await listen(createServer(app));
  return { name: 'express', server, close: () => closeServer(server) };
};
