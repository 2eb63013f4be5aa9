import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStatusPage, type DecisionTrace, redact } from '@modelmux/core';
import { anthropicErrorBody } from './anthropic/anthropic-error.js';
import { anthropicErrorEvent } from './anthropic/messages-stream.js';
import { authenticate } from './auth/authenticate.js';
import { chatCompletions } from './endpoints/chat-completions.js';
import { embeddings } from './endpoints/embeddings.js';
import { messages } from './endpoints/messages.js';
import { modelList, singleModel } from './endpoints/models.js';
import { Exchange } from './exchange.js';
import { type GatewayOptions, parseGatewayOptions } from './gateway-options.js';
import { type Endpoint, endpointOf } from './http/endpoint-of.js';
import { sendError } from './http/send-json.js';
import { errorEvent } from './openai/chat-stream.js';
import { GatewayError, gatewayErrorOf } from './openai/gateway-error.js';
import { logRequest } from './request-log.js';

/**
 * A `node:http` request handler, as Express and Koa mount it. `next` is called for a path the
 * gateway does not own; without `next`, such a request gets an OpenAI-shaped 404.
 */
export interface GatewayHandler {
  (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void): void;
  /** Ends the status page's open event streams (a no-op without `statusPage`). */
  close(): void;
}

/**
 * The OpenAI-compatible API over a router: `POST /v1/chat/completions`, `POST /v1/embeddings`,
 * `GET /v1/models` (and `/v1/models/{id}`), and Anthropic's `POST /v1/messages`. Options are
 * validated here, once.
 */
export function createGatewayHandler(options: GatewayOptions): GatewayHandler {
  const resolved = parseGatewayOptions(options);
  const startedAt = Math.floor(Date.now() / 1000);
  const statusPage = resolved.statusPage
    ? createStatusPage(resolved.router, { path: '/status', ...resolved.statusPage })
    : undefined;
  function gatewayHandler(
    request: IncomingMessage,
    response: ServerResponse,
    next?: (error?: unknown) => void,
  ): void {
    if (statusPage?.owns(request)) {
      statusPage(request, response);
      return;
    }
    const endpoint = endpointOf(request.url ?? '/');
    if (endpoint === undefined && next) {
      next();
      return;
    }
    const exchange = new Exchange(request, response, resolved);
    if (resolved.logger) {
      const logger = resolved.logger;
      response.once('close', () => logRequest(logger, exchange));
    }
    serve(exchange, endpoint, startedAt).catch((error: unknown) => fail(exchange, error));
  }
  return Object.assign(gatewayHandler, { close: () => statusPage?.close() });
}

async function serve(
  exchange: Exchange,
  endpoint: Endpoint | undefined,
  startedAt: number,
): Promise<void> {
  const { request } = exchange;
  if (endpoint === undefined) {
    throw new GatewayError({
      status: 404,
      code: 'unknown_url',
      message: `Unknown path ${request.method} ${pathForMessage(request.url)}. This gateway answers POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models and POST /v1/messages.`,
    });
  }
  if (endpoint.name === 'messages') exchange.protocol = 'anthropic';
  if (request.method !== endpoint.method) {
    exchange.response.setHeader('allow', endpoint.method);
    throw new GatewayError({
      status: 405,
      code: 'method_not_allowed',
      message: `${request.method} is not allowed here; use ${endpoint.method}.`,
    });
  }
  exchange.caller = authenticate(request, exchange.options);
  switch (endpoint.name) {
    case 'chat-completions':
      return chatCompletions(exchange);
    case 'embeddings':
      return embeddings(exchange);
    case 'models':
      return modelList(exchange, startedAt);
    case 'model':
      return singleModel(exchange, startedAt, endpoint.id);
    case 'messages':
      return messages(exchange);
  }
}

/** Answers a failed request, or (once a stream has started) ends it. */
function fail(exchange: Exchange, error: unknown): void {
  const { request, response } = exchange;
  if (response.headersSent || response.destroyed) {
    // A stream's own failures are events inside it; this is the client leaving, or a fault of
    // the gateway's own mid-stream: end with an error event, as a truncated stream with no
    // [DONE] reads as complete to the openai client.
    if (response.destroyed || response.writableEnded) return;
    const event = exchange.protocol === 'anthropic' ? anthropicErrorEvent : errorEvent;
    exchange.log.errorCode = 'stream-failed';
    response.end(event(gatewayErrorOf(error)));
    return;
  }
  const gatewayError = gatewayErrorOf(error);
  exchange.log.errorCode = gatewayError.code ?? String(gatewayError.status);
  const trace = (error as { trace?: DecisionTrace } | undefined)?.trace;
  if (gatewayError.code === 'internal-error') {
    // Not an error modelmux made: its text may hold anything, so only a scrubbed line is logged.
    exchange.options.logger?.error(
      { requestId: exchange.requestId, error: redact(String(error)) },
      'request failed',
    );
  }
  const headers = exchange.routingHeaders(trace);
  // A body left unread (too large, wrong type) would be read and dropped on a kept-alive
  // connection; closing it is cheaper.
  const body = exchange.protocol === 'anthropic' ? anthropicErrorBody(gatewayError) : undefined;
  sendError(response, gatewayError, headers, { close: !request.complete, body });
}

function pathForMessage(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 100 ? `${path.slice(0, 100)}…` : path;
}
