import type { LanguageModelV4CallOptions, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { CallerAttempt, CallerStreamBody, RoutedCallRunner } from '@modelmux/core';
import type { Exchange } from '../exchange.js';
import { drained, eventStreamHeaders } from '../http/write-events.js';
import { type GatewayError, gatewayErrorOf } from '../openai/gateway-error.js';
import type { JsonObject } from '../openai/request-fields.js';
import type { EventRelay } from './event-relay.js';
import { relayGenerate, relayStream } from './relay-attempt.js';
import { sdkGenerate, sdkStream, type Translation } from './sdk-attempt.js';
import type { StreamSource } from './stream-source.js';
import { type UpstreamProtocol, upstreamOf } from './upstream.js';

/** How one endpoint relays its protocol, and translates for the targets that do not speak it. */
export interface PassThroughSpec {
  protocol: UpstreamProtocol;
  runner: RoutedCallRunner;
  request: {
    model: string;
    stream: boolean;
    callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>;
    user?: string | undefined;
    metadata?: Record<string, string> | undefined;
  };
  /** False when the client's body needs translation even for a target of its protocol. */
  relayable: boolean;
  /** The client's body for a target with this model id. */
  upstreamBody(modelId: string): JsonObject;
  /** The headers of a relayed attempt, from the provider's own. @default the provider's own */
  upstreamHeaders?(headers: Record<string, string>): Record<string, string>;
  /** Puts the gateway's `id` and `model` in a non-stream answer; returns its usage. */
  rewrite(answer: Record<string, unknown>): LanguageModelV4Usage | undefined;
  /** A fresh relay for one stream attempt. */
  eventRelay(): EventRelay;
  translation: Translation;
  /** The event that ends a stream that broke after content. */
  errorEvent(error: GatewayError): string;
}

/**
 * A call through the router's attempt loop (`router.callRunner`) whose attempts the gateway runs:
 * relayed as they are on a target of the client's protocol, translated through the AI SDK on any
 * other. Answers the client in its protocol either way; errors are thrown for the handler to
 * answer, as on the translated path.
 */
export async function runPassThrough(exchange: Exchange, spec: PassThroughSpec): Promise<void> {
  const { request, runner } = spec;
  const binding = exchange.binding(request.model, request);
  const bodies = new Map<string, string>();
  const bodyFor = (modelId: string) => {
    let text = bodies.get(modelId);
    if (text === undefined) {
      text = JSON.stringify(spec.upstreamBody(modelId));
      bodies.set(modelId, text);
    }
    return text;
  };
  const relayTo = (attempt: CallerAttempt) => {
    if (!spec.relayable) return undefined;
    const upstream = upstreamOf(attempt.model);
    if (upstream?.protocol !== spec.protocol) return undefined;
    const adjust = spec.upstreamHeaders;
    return adjust
      ? { ...upstream, headers: async () => adjust(await upstream.headers()) }
      : upstream;
  };
  const callRequest = { callOptions: request.callOptions, binding };
  const { response } = exchange;

  if (!request.stream) {
    const { value, trace } = await runner.generate(callRequest, (attempt) => {
      const upstream = relayTo(attempt);
      return upstream
        ? relayGenerate(upstream, bodyFor(attempt.modelId), attempt.signal, spec.rewrite)
        : sdkGenerate(attempt, request.callOptions, spec.translation);
    });
    response.writeHead(200, {
      ...exchange.routingHeaders(trace),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(value),
    });
    response.end(value);
    return;
  }

  const {
    value: source,
    trace,
    body,
  } = await runner.stream(callRequest, (attempt) => {
    const upstream = relayTo(attempt);
    return upstream
      ? relayStream(upstream, bodyFor(attempt.modelId), attempt.signal, spec.eventRelay())
      : sdkStream(attempt, request.callOptions, spec.translation);
  });
  response.writeHead(200, eventStreamHeaders(exchange.routingHeaders(trace)));
  if (!(await relay(exchange, source, body, spec.errorEvent)))
    exchange.log.errorCode = 'stream-failed';
}

/**
 * Writes the source to the client with back-pressure and settles the call: succeeded at a clean
 * end; otherwise the stream ends with the router's error event (never a clean-looking end).
 * Resolves with whether the stream ended cleanly.
 */
async function relay(
  exchange: Exchange,
  source: StreamSource,
  stream: CallerStreamBody,
  errorEvent: (error: GatewayError) => string,
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

/**
 * The route's runner for attempts the gateway executes, or undefined when pass-through is off
 * or the route selects, caches or continues streams (those take the translated path). An
 * unknown model is left to the translated path's own 404.
 */
export function passThroughRunner(exchange: Exchange, model: string): RoutedCallRunner | undefined {
  const { router, passThrough } = exchange.options;
  if (!passThrough) return undefined;
  if (!router.routes.includes(model) && !router.targets.includes(model)) return undefined;
  return router.callRunner(model);
}
