import type { DecisionTrace } from './decision-trace.js';

/**
 * The response headers that summarise a routed call, so a client (or a proxy's log) sees which
 * target answered and how many attempts it took without reading the body:
 * `x-modelmux-route`, `x-modelmux-call-id`, `x-modelmux-attempts` and, when one answered,
 * `x-modelmux-target`. Shared by the Express, Koa and NestJS adapters and the gateway.
 */
export function traceHeaders(trace: DecisionTrace): Record<string, string> {
  const headers: Record<string, string> = {
    'x-modelmux-route': headerValue(trace.route),
    'x-modelmux-call-id': headerValue(trace.callId),
    'x-modelmux-attempts': String(trace.attempts.length),
  };
  if (trace.target !== undefined) headers['x-modelmux-target'] = headerValue(trace.target);
  return headers;
}

// Route names and target ids are free text in the config; Node throws on a header value with a
// control or non-ASCII character, so those (and `%`) are percent-encoded as UTF-8.
const unsafe = /[^\x20-\x24\x26-\x7e]/gu;

function headerValue(text: string): string {
  return text.replace(unsafe, (character) =>
    Array.from(
      Buffer.from(character, 'utf8'),
      (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );
}
