import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// A caller-supplied id goes into traces and logs: only a short token of visible ASCII is kept.
const acceptable = /^[\x21-\x7e]{1,128}$/;

/**
 * The request's id for its traces: the caller's `x-request-id` header when it is a plain token
 * (1 to 128 visible ASCII characters), else a new random UUID. Shared by the adapters.
 */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && acceptable.test(header) ? header : randomUUID();
}
