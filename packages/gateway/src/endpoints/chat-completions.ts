import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { Exchange } from '../exchange.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';
import { eventStreamHeaders, writeEvents } from '../http/write-events.js';
import { parseChatRequest } from '../openai/chat-request.js';
import { toChatCompletion } from '../openai/chat-response.js';
import { chatCompletionChunks, doneEvent } from '../openai/chat-stream.js';
import type { JsonObject } from '../openai/request-fields.js';
import { passThroughChat } from '../passthrough/chat-passthrough.js';
import { passThroughRunner } from '../passthrough/routed-relay.js';
import { traceOf } from '../routing-headers.js';

/**
 * `POST /v1/chat/completions`: the router's model at the spec level (no `generateText` or
 * `streamText` in between), answered as a `chat.completion` or as `chat.completion.chunk` events.
 */
export async function chatCompletions(exchange: Exchange): Promise<void> {
  const body = await readJsonBody(exchange.request, exchange.options.bodyLimitBytes);
  const request = parseChatRequest(body);
  exchange.log.model = request.model;
  exchange.log.stream = request.stream;
  const identity = {
    id: `chatcmpl-${exchange.requestId}`,
    model: request.model,
    created: Math.floor(Date.now() / 1000),
  };
  const runner = passThroughRunner(exchange, request.model);
  if (runner) return passThroughChat(exchange, body as JsonObject, request, runner, identity);
  const model = exchange.client(request.model, request).model(request.model);
  const { response } = exchange;

  if (!request.stream) {
    const result = await model.doGenerate(request.callOptions);
    const completion = toChatCompletion(result, identity);
    sendJson(response, 200, completion, exchange.routingHeaders(traceOf(result.providerMetadata)));
    return;
  }

  // Resolves at the first content part: fail-over before it is invisible, and the headers can
  // name the target that is streaming (the router puts the trace so far on the result).
  const result = await model.doStream(request.callOptions);
  const opening = (result as { providerMetadata?: SharedV4ProviderMetadata }).providerMetadata;
  response.writeHead(200, eventStreamHeaders(exchange.routingHeaders(traceOf(opening))));
  const events = chatCompletionChunks(result.stream, {
    ...identity,
    includeUsage: request.includeUsage,
  });
  if ((await writeEvents(response, events)) !== doneEvent) exchange.log.errorCode = 'stream-failed';
}
