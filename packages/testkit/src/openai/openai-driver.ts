import type { IncomingMessage } from 'node:http';
import type { Endpoint, ProviderDriver } from '../core/driver.js';
import { chatCompletionsEndpoint } from './chat-completions.js';
import { embeddingsEndpoint } from './embeddings.js';
import { createListModelsEndpoint, createRetrieveModelEndpoint, modelIdOfPath } from './models.js';
import { openAIErrorResponse } from './openai-errors.js';
import { responsesEndpoint } from './responses.js';

/**
 * The OpenAI wire format: `/v1` paths, `Authorization: Bearer <key>`, `{error:{...}}` bodies,
 * and 503 for "overloaded" (OpenAI has no 529).
 */
export function createOpenAIDriver(): ProviderDriver {
  // Models that requests named, so `GET /v1/models` lists what the test has been using.
  const seenModels = new Set<string>();
  const recording = (endpoint: Endpoint): Endpoint => ({
    summarize(body, url) {
      const summary = endpoint.summarize(body, url);
      if (summary.model !== undefined) seenModels.add(summary.model);
      return summary;
    },
    respond: (exchange) => endpoint.respond(exchange),
  });
  const postEndpoints: Record<string, Endpoint> = {
    '/v1/chat/completions': recording(chatCompletionsEndpoint),
    '/v1/responses': recording(responsesEndpoint),
    '/v1/embeddings': recording(embeddingsEndpoint),
  };
  const listModels = createListModelsEndpoint(seenModels);
  // Not recorded: retrieving an unknown id must stay a 404.
  const retrieveModel = createRetrieveModelEndpoint(seenModels);

  return {
    name: 'openai',
    basePath: '/v1',
    overloadedStatus: 503,
    endpoint(method, pathname) {
      const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
      if (method === 'POST') return postEndpoints[path];
      if (method !== 'GET') return undefined;
      if (path === '/v1/models') return listModels;
      return modelIdOfPath(path) === undefined ? undefined : retrieveModel;
    },
    apiKeyOf(request: IncomingMessage) {
      const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
      return match?.[1]?.trim();
    },
    errorResponse: openAIErrorResponse,
  };
}
