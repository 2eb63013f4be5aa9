import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { anthropicBetasOf, withAnthropicBetas } from '../anthropic/anthropic-beta.js';
import { parseMessagesRequest } from '../anthropic/messages-request.js';
import { toAnthropicMessage } from '../anthropic/messages-response.js';
import { anthropicMessageEvents } from '../anthropic/messages-stream.js';
import type { Exchange } from '../exchange.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';
import { eventStreamHeaders, writeEvents } from '../http/write-events.js';
import type { JsonObject } from '../openai/request-fields.js';
import { passThroughMessages } from '../passthrough/messages-passthrough.js';
import { passThroughRunner } from '../passthrough/routed-relay.js';
import { traceOf } from '../routing-headers.js';

const messageStop = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/**
 * `POST /v1/messages`: the Anthropic Messages API over the same router, so Anthropic SDK clients
 * get the same routing and fail-over. Answered as a `message` or as Anthropic's named events.
 * The client's `anthropic-beta` betas reach Anthropic targets on either path, and no other.
 */
export async function messages(exchange: Exchange): Promise<void> {
  const body = await readJsonBody(exchange.request, exchange.options.bodyLimitBytes);
  const request = parseMessagesRequest(body);
  const betas = anthropicBetasOf(exchange.request.headers);
  request.callOptions = withAnthropicBetas(request.callOptions, betas);
  exchange.log.model = request.model;
  exchange.log.stream = request.stream;
  const identity = { id: `msg_${exchange.requestId}`, model: request.model };
  const runner = passThroughRunner(exchange, request.model);
  if (runner)
    return passThroughMessages(exchange, body as JsonObject, request, runner, { identity, betas });
  const model = exchange.client(request.model, request).model(request.model);
  const { response } = exchange;

  if (!request.stream) {
    const result = await model.doGenerate(request.callOptions);
    const message = toAnthropicMessage(result, identity);
    sendJson(response, 200, message, exchange.routingHeaders(traceOf(result.providerMetadata)));
    return;
  }

  const result = await model.doStream(request.callOptions);
  const opening = (result as { providerMetadata?: SharedV4ProviderMetadata }).providerMetadata;
  response.writeHead(200, eventStreamHeaders(exchange.routingHeaders(traceOf(opening))));
  const last = await writeEvents(response, anthropicMessageEvents(result.stream, identity));
  if (!last.endsWith(messageStop)) exchange.log.errorCode = 'stream-failed';
}
