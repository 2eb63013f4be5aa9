import type { DecisionTrace } from '../trace/decision-trace.js';
import { traceHeaders } from '../trace/trace-headers.js';
import { AllTargetsFailedError } from './all-targets-failed-error.js';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { NoCapableTargetError } from './no-capable-target-error.js';
import { RateLimitedError } from './rate-limited-error.js';
import { RequestRejectedError } from './request-rejected-error.js';
import { RouterError } from './router-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';

/** How a modelmux error reads over HTTP: decided once, here, for every adapter and the gateway. */
export interface HttpError {
  status: number;
  /** Stable machine code, e.g. `all-targets-failed`. */
  code: string;
  /** The error's message: it names what failed and what to do, and never holds a secret. */
  message: string;
  /** Seconds for a `Retry-After` header, when the router knows when to come back. */
  retryAfterS: number | undefined;
  /** Whether the fault is the caller's request (4xx) or the server's side (5xx). */
  side: 'client' | 'server';
}

/**
 * Maps a thrown error to its HTTP answer. Errors modelmux did not make map to a generic 500 with
 * no detail, so nothing unknown (which could hold a secret) reaches a client.
 */
export function httpErrorOf(error: unknown): HttpError {
  if (AllTargetsFailedError.isInstance(error)) {
    const retryAfterS =
      error.retryAfterMs && error.retryAfterMs > 0
        ? Math.ceil(error.retryAfterMs / 1000)
        : undefined;
    return { status: 503, code: error.code, message: error.message, retryAfterS, side: 'server' };
  }
  if (RateLimitedError.isInstance(error) || BudgetExceededError.isInstance(error)) {
    // The caller's own limit or budget: a 429 that says when to come back (at least 1 s, so a
    // client never retries in a tight loop).
    return {
      status: 429,
      code: error.code,
      message: error.message,
      retryAfterS: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      side: 'client',
    };
  }
  if (RequestRejectedError.isInstance(error)) {
    // The provider found the request itself invalid: the caller can fix it. A bad provider key or
    // model id is the server's configuration: the caller can only report it.
    const clientFault = error.reason === 'bad-request';
    return {
      status: clientFault ? 400 : 502,
      code: error.code,
      message: error.message,
      retryAfterS: undefined,
      side: clientFault ? 'client' : 'server',
    };
  }
  if (NoCapableTargetError.isInstance(error)) {
    return {
      status: 422,
      code: error.code,
      message: error.message,
      retryAfterS: undefined,
      side: 'client',
    };
  }
  if (StreamInterruptedError.isInstance(error)) {
    // An upstream broke mid-answer (a stream's error event, not a misconfiguration): its message
    // names the route and target and says to retry; it holds no secret.
    return {
      status: 502,
      code: error.code,
      message: error.message,
      retryAfterS: undefined,
      side: 'server',
    };
  }
  if (RouterError.isInstance(error)) {
    const declared = (error as { httpStatus?: unknown }).httpStatus;
    const status = typeof declared === 'number' ? declared : 500;
    // A server-side fault (bad config, a missing route) is for the operator's logs: its message
    // can name files and routes, so a client gets the code and a generic line.
    const message =
      status < 500 ? error.message : 'The server is misconfigured. The error is in its logs.';
    return {
      status,
      code: error.code,
      message,
      retryAfterS: undefined,
      side: status < 500 ? 'client' : 'server',
    };
  }
  return {
    status: 500,
    code: 'internal-error',
    message: 'The server failed to answer. The error is in its logs.',
    retryAfterS: undefined,
    side: 'server',
  };
}

/** The whole HTTP answer to a modelmux error, as every framework adapter sends it. */
export interface HttpErrorResponse extends HttpError {
  /** The trace headers (when the error carries a routed call's trace) and `Retry-After`. */
  headers: Record<string, string>;
  /** Holds no secret: the code and the (for 5xx, generic) message. */
  body: { error: { code: string; message: string } };
}

/**
 * `httpErrorOf` plus the headers and JSON body the adapters answer with, so Express, Koa and
 * NestJS differ only in how they write them.
 */
export function httpErrorResponse(error: unknown): HttpErrorResponse {
  const mapped = httpErrorOf(error);
  const trace = (error as { trace?: DecisionTrace } | null)?.trace; // on errors of a routed call
  const headers = trace ? traceHeaders(trace) : {};
  if (mapped.retryAfterS !== undefined) headers['Retry-After'] = String(mapped.retryAfterS);
  return { ...mapped, headers, body: { error: { code: mapped.code, message: mapped.message } } };
}
