import type { RoutedCallRunner } from '@modelmux/core';
import type { Exchange } from '../exchange.js';
import type { ChatRequest } from '../openai/chat-request.js';
import { type ChatCompletionIdentity, toChatCompletion } from '../openai/chat-response.js';
import { chatCompletionChunks, doneEvent, errorEvent } from '../openai/chat-stream.js';
import type { JsonObject } from '../openai/request-fields.js';
import { ChatChunkRelay } from './chat-chunk-relay.js';
import { type UpstreamUsage, usageFromOpenAI } from './openai-usage.js';
import { runPassThrough } from './routed-relay.js';

/**
 * Keys the gateway accepts but never sends upstream: an operator's billing and retention
 * choices, and `metadata` (it goes into the trace, as on the translated path).
 */
const droppedKeys = [
  'service_tier',
  'store',
  'safety_identifier',
  'prompt_cache_retention',
  'metadata',
];

/**
 * `POST /v1/chat/completions` relayed to the targets that speak OpenAI's chat protocol: the
 * client's body with only `model` (and, for a stream, `include_usage`) changed, and the upstream's
 * answer with the gateway's `id` and `model`. `top_k` (not OpenAI's) needs the translated path.
 */
export function passThroughChat(
  exchange: Exchange,
  body: JsonObject,
  request: ChatRequest,
  runner: RoutedCallRunner,
  identity: ChatCompletionIdentity,
): Promise<void> {
  const { id, model } = identity;
  return runPassThrough(exchange, {
    protocol: 'openai-chat',
    runner,
    request,
    relayable: body.top_k === undefined,
    upstreamBody: (modelId) => upstreamRequest(body, modelId, request.stream),
    rewrite(answer) {
      answer.id = id;
      answer.model = model;
      return usageFromOpenAI(answer.usage as UpstreamUsage | undefined);
    },
    eventRelay: () => new ChatChunkRelay(id, model, request.includeUsage),
    translation: {
      answer: (result) => toChatCompletion(result, identity),
      events: (parts) =>
        chatCompletionChunks(parts, { ...identity, includeUsage: request.includeUsage }),
      isEnd: (event) => event === doneEvent,
    },
    errorEvent,
  });
}

/** The client's body for one target: its model id, and usage asked for when streaming. */
function upstreamRequest(body: JsonObject, modelId: string, stream: boolean): JsonObject {
  const upstream: JsonObject = { ...body, model: modelId };
  for (const key of droppedKeys) delete upstream[key];
  if (stream) {
    const options = body.stream_options;
    upstream.stream_options =
      typeof options === 'object' && options !== null && !Array.isArray(options)
        ? { ...options, include_usage: true }
        : { include_usage: true };
  }
  return upstream;
}
