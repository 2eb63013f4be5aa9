import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { LlmClient } from './llm-client.js';

/** Where the interceptor leaves each request's client for `@Llm()` (keyed by the request). */
export const requestLlmClients = new WeakMap<object, LlmClient>();

/**
 * The request-bound `LlmClient`: `review(@Llm() llm: LlmClient)`. Its `model()` with no
 * argument is the handler's `@LlmRoute`; its calls carry the request's metadata and are aborted
 * when the client disconnects.
 */
export const Llm = createParamDecorator((_data: unknown, context: ExecutionContext): LlmClient => {
  const client = requestLlmClients.get(context.switchToHttp().getRequest());
  if (!client) {
    throw new Error(
      '@Llm() found no client for this request: import LlmRouterModule.forRoot() (or forRootAsync) in the app, and use @Llm() on HTTP handlers only.',
    );
  }
  return client;
});
