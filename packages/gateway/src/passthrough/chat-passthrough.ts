import type { CallerAttempt, CallerStreamBody, RoutedCallRunner } from '@modelmux/core';
import type { Exchange } from '../exchange.js';
import { drained, eventStreamHeaders } from '../http/write-events.js';
import type { ChatRequest } from '../openai/chat-request.js';
import type { ChatCompletionIdentity } from '../openai/chat-response.js';
import { errorEvent } from '../openai/chat-stream.js';
import { gatewayErrorOf } from '../openai/gateway-error.js';
import type { JsonObject } from '../openai/request-fields.js';
import type { ChatStreamSource } from './chat-stream-source.js';
import { openAIUpstreamOf } from './openai-upstream.js';
import { relayGenerate, relayStream } from './relay-attempt.js';
import { sdkGenerate, sdkStream } from './sdk-attempt.js';

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
 * `POST /v1/chat/completions` with the router's attempt loop and attempts the gateway runs
 * itself: on a target that speaks OpenAI's chat protocol (`@ai-sdk/openai`'s chat model), the
 * client's body goes upstream with only `model` (and, for a stream, `include_usage`) changed, and
 * the upstream's answer comes back as it is (the gateway's `id` and `model` in it); on any other
 * target, the AI SDK call as on the translated path. Fail-over, timeouts, limits, the trace and
 * cost are the router's either way.
 */
export async function passThroughChat(
  exchange: Exchange,
  body: JsonObject,
  request: ChatRequest,
  runner: RoutedCallRunner,
  identity: ChatCompletionIdentity,
): Promise<void> {
  const binding = exchange.binding(request.model, request);
  // top_k is not OpenAI's: the provider package drops it; so does its translated path.
  const relayable = body.top_k === undefined;
  const bodies = new Map<string, string>();
  const upstreamBody = (modelId: string) => {
    let text = bodies.get(modelId);
    if (text === undefined) {
      text = JSON.stringify(upstreamRequest(body, modelId, request.stream));
      bodies.set(modelId, text);
    }
    return text;
  };
  const callRequest = { callOptions: request.callOptions, binding };
  const { response } = exchange;

  if (!request.stream) {
    const { value, trace } = await runner.generate(callRequest, (attempt) => {
      const upstream = relayable ? openAIUpstreamOf(attempt.model) : undefined;
      return upstream
        ? relayGenerate(upstream, upstreamBody(attempt.modelId), attempt.signal, identity)
        : sdkGenerate(attempt, request.callOptions, identity);
    });
    response.writeHead(200, {
      ...exchange.routingHeaders(trace),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(value),
    });
    response.end(value);
    return;
  }

  const openAttempt = (attempt: CallerAttempt): Promise<ChatStreamSource> => {
    const upstream = relayable ? openAIUpstreamOf(attempt.model) : undefined;
    return upstream
      ? relayStream(
          upstream,
          upstreamBody(attempt.modelId),
          attempt.signal,
          identity,
          request.includeUsage,
        )
      : sdkStream(attempt, request.callOptions, identity, request.includeUsage);
  };
  const { value: source, trace, body: stream } = await runner.stream(callRequest, openAttempt);
  response.writeHead(200, eventStreamHeaders(exchange.routingHeaders(trace)));
  if (!(await relay(exchange, source, stream))) exchange.log.errorCode = 'stream-failed';
}

/**
 * Writes the source to the client with back-pressure and settles the call: succeeded at a clean
 * end; otherwise the stream ends with the router's error event (never a clean-looking end).
 * Resolves with whether the stream ended cleanly.
 */
async function relay(
  exchange: Exchange,
  source: ChatStreamSource,
  stream: CallerStreamBody,
): Promise<boolean> {
  const { response } = exchange;
  try {
    for (;;) {
      const { text, done } = await stream.read(() => source.next());
      if (response.destroyed) {
        stream.cancel(exchange.signal.reason);
        source.close();
        return false;
      }
      if (text !== '' && !response.write(text)) await drained(response);
      if (done) {
        stream.succeed(source.usage());
        source.close();
        response.end();
        return true;
      }
    }
  } catch (error) {
    const reported = stream.fail(error, source.usage());
    source.close();
    if (!response.destroyed && !response.writableEnded)
      response.end(errorEvent(gatewayErrorOf(reported)));
    return false;
  }
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
