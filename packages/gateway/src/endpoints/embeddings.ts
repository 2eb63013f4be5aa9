import type { Exchange } from '../exchange.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';
import { parseEmbeddingsRequest, toEmbeddingsResponse } from '../openai/embeddings.js';
import { traceOf } from '../routing-headers.js';

/** `POST /v1/embeddings`: the router's embedding model, answered as OpenAI's embeddings list. */
export async function embeddings(exchange: Exchange): Promise<void> {
  const body = await readJsonBody(exchange.request, exchange.options.bodyLimitBytes);
  const request = parseEmbeddingsRequest(body);
  exchange.log.model = request.model;
  const model = exchange.client(request.model, request).embeddingModel(request.model);
  const result = await model.doEmbed(request.callOptions);
  const trace = traceOf(result.providerMetadata);
  const answer = toEmbeddingsResponse(result, {
    model: request.model,
    encodingFormat: request.encodingFormat,
  });
  sendJson(exchange.response, 200, answer, exchange.routingHeaders(trace));
}
