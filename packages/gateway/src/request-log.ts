import type { Exchange } from './exchange.js';
import type { GatewayLogger } from './gateway-options.js';
import { pathOf } from './http/endpoint-of.js';

/**
 * The request's one log line, once its answer is complete or its client has gone: who, what,
 * how it was routed and how long it took. Never a key, a header or a body.
 */
export function logRequest(logger: GatewayLogger, exchange: Exchange): void {
  const { request, response, log } = exchange;
  const fields: Record<string, unknown> = {
    requestId: exchange.requestId,
    method: request.method,
    path: pathOf(request.url ?? '/'),
    // 499, as nginx logs it: the client went away before an answer was started.
    status: response.headersSent ? response.statusCode : 499,
    durationMs: round(exchange.elapsedMs()),
  };
  if (!response.writableFinished) fields.clientClosed = true;
  if (exchange.caller?.keyName !== undefined) fields.key = exchange.caller.keyName;
  if (log.model !== undefined) fields.model = log.model;
  if (log.stream !== undefined) fields.stream = log.stream;
  if (log.trace) {
    fields.route = log.trace.route;
    if (log.trace.target !== undefined) fields.target = log.trace.target;
    fields.attempts = log.trace.attempts.length;
  }
  if (log.overheadMs !== undefined) fields.overheadMs = round(log.overheadMs);
  if (log.errorCode !== undefined) fields.error = log.errorCode;
  logger.info(fields, 'request');
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
