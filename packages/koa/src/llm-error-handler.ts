import { httpErrorResponse, RouterError } from '@modelmux/core';
import type { Middleware } from 'koa';

/**
 * Koa middleware that turns modelmux's errors from the middleware after it into responses: the
 * status, `Retry-After` and code come from core's `httpErrorResponse` (the one place that maps
 * errors to HTTP), the body is `{ error: { code, message } }` and holds no secret. An error answered
 * with a 5xx is also emitted as the app's `error` event (Koa logs it; the client does not see its
 * full message). Any other error, or one raised after the response has started, is rethrown
 * untouched. Mount it before the routes.
 */
export function llmErrorHandler(): Middleware {
  return async function llmErrorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (error) {
      if (!RouterError.isInstance(error) || ctx.headerSent) throw error;
      const { status, headers, body, side } = httpErrorResponse(error);
      if (side === 'server') ctx.app.emit('error', error, ctx);
      ctx.set(headers);
      ctx.status = status;
      ctx.body = body;
    }
  };
}
