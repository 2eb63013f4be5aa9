import { httpErrorResponse, RouterError } from '@modelmux/core';
import type { ErrorRequestHandler, Request } from 'express';

export interface LlmErrorHandlerOptions {
  /**
   * Called with each modelmux error answered with a 5xx, whose full message (which may name
   * files, routes or targets) the client does not see.
   * @default logs the error with `console.error`
   */
  onServerError?: (event: { error: RouterError; req: Request; status: number }) => void;
}

/**
 * Express error handler for modelmux's errors: the status, `Retry-After`, code and message come
 * from core's `httpErrorResponse` (the one place that maps errors to HTTP); the body is
 * `{ error: { code, message } }` and holds no secret. Any other error, or one raised after the
 * response has started (a broken stream), goes on to the next error handler untouched.
 */
export function llmErrorHandler(options: LlmErrorHandlerOptions = {}): ErrorRequestHandler {
  const { onServerError = ({ error }) => console.error(error) } = options;
  return function llmErrorHandlerMiddleware(error, req, res, next) {
    if (!RouterError.isInstance(error) || res.headersSent) return next(error);
    const { status, headers, body, side } = httpErrorResponse(error);
    if (side === 'server') onServerError({ error, req, status });
    res.set(headers).status(status).json(body);
  };
}
