import type { Reply } from './reply.js';

/** What a fake server recorded about one request. Secrets in headers are redacted. */
export interface RequestLogEntry {
  /** 1, 2, 3, ... in arrival order. */
  id: number;
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The model the request named, when it named one. */
  model: string | undefined;
  stream: boolean;
  /** The parsed JSON body (undefined for GET or an unparseable body). */
  body: unknown;
  headers: Record<string, string>;
  /** Whether it presented the server's API key. */
  authorized: boolean;
  /** The reply that applied (after queue, fault rules and default were resolved). */
  reply: Reply;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
  /** The status sent, once headers went out. */
  status: number | undefined;
  /** Content chunks written so far (streams). */
  chunksSent: number;
  /**
   * pending: still open. completed: the server finished its answer. client-closed: the client
   * closed the connection first. reset: the server reset it (a scripted fault).
   */
  outcome: 'pending' | 'completed' | 'client-closed' | 'reset';
  /** `performance.now()` when the connection or response closed. */
  closedAt: number | undefined;
}

const secretHeaders = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'api-key']);

export function loggedHeaders(headers: Record<string, string | string[] | undefined>) {
  const logged: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    logged[name] = secretHeaders.has(name) ? '[redacted]' : String(value);
  }
  return logged;
}
