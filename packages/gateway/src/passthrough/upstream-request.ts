import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { APICallError } from '@ai-sdk/provider';
import type { Upstream } from './upstream.js';

// One keep-alive pool per protocol for every pass-through request of the process.
const httpAgent = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
const httpsAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo' });

/** The most of an error body kept for classifying it. */
const errorBodyLimit = 64 * 1024;

/**
 * POSTs `body` to the upstream and resolves with its 2xx response, unread. A non-2xx answer is
 * read and rejected as the `APICallError` the provider package would throw (status, headers and
 * body, so core classifies it the same way); a network failure rejects with Node's error. The
 * signal aborts the request, and the response while it is read.
 */
export async function postUpstream(
  upstream: Upstream,
  body: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const headers = await upstream.headers();
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(body));
  const { url } = upstream;
  const https = url.protocol === 'https:';
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers, agent: https ? httpsAgent : httpAgent, signal },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  const text = await readText(response, errorBodyLimit);
  throw new APICallError({
    message: errorMessageOf(text) ?? `the upstream answered ${status}`,
    url: url.origin + url.pathname,
    requestBodyValues: undefined,
    statusCode: status,
    responseHeaders: headersOf(response),
    responseBody: text,
    isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
  });
}

/** A response's body as text (up to `limit` characters, the rest read and dropped). */
export function readText(
  response: IncomingMessage,
  limit = Number.POSITIVE_INFINITY,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      if (text.length < limit) text += chunk;
    });
    response.once('end', () => resolve(text.length > limit ? text.slice(0, limit) : text));
    response.once('error', reject);
  });
}

function headersOf(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(', ');
  }
  return headers;
}

/** OpenAI's `{ error: { message } }`, as its provider package reports it. */
function errorMessageOf(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
