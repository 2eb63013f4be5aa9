import { type DecisionTrace, traceHeaders } from '@modelmux/core';
import { type LlmRouterOptions, llmErrorHandler, llmRouter } from '@modelmux/express';
import { generateText, streamText } from 'ai';
import express, { type Express } from 'express';

interface ChatBody {
  prompt?: string;
  route?: string;
}

/**
 * The app: `req.llm` on every request (zero-config, or the router in `options`), two endpoints
 * and modelmux's error handler.
 */
export function createApp(options: LlmRouterOptions = {}): Express {
  const app = express();
  app.use(express.json());
  app.use(llmRouter({ ...options, context: (req) => userOf(req.get('x-user')) }));

  // One answer, with the decision trace: which target answered, after how many attempts.
  app.post('/chat', async (req, res) => {
    const { prompt = 'Say hello.', route } = (req.body ?? {}) as ChatBody;
    const result = await generateText({ model: req.llm.model(route), prompt });
    const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
    res.set(traceHeaders(trace)).json({ text: result.text, trace });
  });

  // The answer streamed as it is written; closing the connection aborts the upstream call.
  app.post('/chat/stream', (req, res) => {
    const { prompt = 'Say hello.', route } = (req.body ?? {}) as ChatBody;
    streamText({ model: req.llm.model(route), prompt }).pipeTextStreamToResponse(res);
  });

  // All targets down -> 503 with Retry-After; a bad key upstream -> 502; an unknown route -> 500.
  app.use(llmErrorHandler());
  return app;
}

function userOf(header: string | undefined): Record<string, string> | undefined {
  return header ? { user: header } : undefined;
}
