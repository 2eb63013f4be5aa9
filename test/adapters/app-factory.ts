import type { IncomingHttpHeaders, Server } from 'node:http';
import { type DecisionTrace, type LlmClient, type Router, traceHeaders } from '@modelmux/core';
import { generateText, streamText } from 'ai';

// What every framework's contract app is: a real app of that framework, listening on 127.0.0.1
// at a free port, with the router mounted through the framework's adapter and these endpoints:
//
//   POST /generate { prompt, route? } -> 200 { text, trace } with the trace headers
//   POST /stream   { prompt, route? } -> 200, the text streamed as it arrives (text/plain)
//   GET  /fail      -> route `contractRoutes.fail` (every target fails): the adapter's error mapping
//   GET  /reject    -> route `contractRoutes.reject` (a wrong key upstream): the same
//   GET  /no-route  -> route 'nope', which does not exist: the same
//
// The adapter's `context` option is `contextOf` (the `x-user` and `x-tenant` headers), and its
// request id is the adapter's default. The handlers' bodies are the framework-neutral functions
// below, so the frameworks differ only in how they are wired.

export interface AdapterApp {
  name: string;
  server: Server;
  close(): Promise<void>;
}

export type AdapterAppFactory = (router: Router) => Promise<AdapterApp>;

/** The route names the contract router defines and the apps call. */
export const contractRoutes = { main: 'main', fail: 'down', reject: 'rejecting' } as const;

/** Request metadata from headers, as each app's `context` option gives it. */
export function contextOf(headers: IncomingHttpHeaders): Record<string, string> {
  const context: Record<string, string> = {};
  for (const name of ['user', 'tenant'] as const) {
    const value = headers[`x-${name}`];
    if (typeof value === 'string') context[name] = value;
  }
  return context;
}

export interface GenerateBody {
  prompt?: string;
  route?: string;
}

/** POST /generate and the GET error endpoints: the answer, its trace, and the trace headers. */
export async function generateAnswer(llm: LlmClient, { prompt = 'hi', route }: GenerateBody) {
  const result = await generateText({ model: llm.model(route), prompt });
  const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
  return { headers: traceHeaders(trace), body: { text: result.text, trace } };
}

/** POST /stream: the routed text stream (the router aborts it when the client goes away). */
export function streamAnswer(llm: LlmClient, { prompt = 'hi', route }: GenerateBody) {
  // The failure of a stream after its headers is the framework's to report; none is expected here.
  return streamText({ model: llm.model(route), prompt, onError: () => {} });
}

/** Listens on 127.0.0.1 at a free port. */
export async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

/** Stops listening and ends open connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
