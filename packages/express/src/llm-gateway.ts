import { createGatewayHandler, type GatewayOptions } from '@modelmux/gateway';
import type { RequestHandler } from 'express';

/**
 * The OpenAI-compatible gateway as Express middleware: `app.use('/v1', llmGateway({ router, keys }))`.
 * Requests for paths the gateway does not own go on to the next middleware.
 */
export function llmGateway(options: GatewayOptions): RequestHandler {
  const handler = createGatewayHandler(options);
  return function llmGatewayMiddleware(req, res, next) {
    handler(req, res, next);
  };
}
