import type { ServerResponse } from 'node:http';
import { type GatewayError, openAIErrorBody } from '../openai/gateway-error.js';

/** Answers with a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Answers with an error body (OpenAI's shape unless `body` says otherwise). `x-should-retry:
 * false` stops the official OpenAI and Anthropic clients from repeating a call the router has
 * already retried and failed over; `Retry-After` says when the router expects a target back.
 * `close` ends the connection (a request body left unread).
 */
export function sendError(
  response: ServerResponse,
  error: GatewayError,
  headers: Readonly<Record<string, string>> = {},
  { close = false, body = openAIErrorBody(error) }: { close?: boolean; body?: unknown } = {},
): void {
  const errorHeaders: Record<string, string> = { ...headers, 'x-should-retry': 'false' };
  if (error.retryAfterS !== undefined) errorHeaders['retry-after'] = String(error.retryAfterS);
  if (close) errorHeaders.connection = 'close';
  sendJson(response, error.status, body, errorHeaders);
}
