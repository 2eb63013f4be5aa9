import { createGatewayHandler, type GatewayOptions } from '@modelmux/gateway';
import type { Middleware } from 'koa';

/**
 * The OpenAI-compatible gateway as Koa middleware: `app.use(llmGateway({ router, keys }))` answers
 * `/v1/chat/completions`, `/v1/embeddings`, `/v1/models` and `/v1/messages` under any prefix;
 * other paths go on to the next middleware.
 */
export function llmGateway(options: GatewayOptions): Middleware {
  const handler = createGatewayHandler(options);
  return function llmGatewayMiddleware(ctx, next) {
    return new Promise<void>((resolve, reject) => {
      // The gateway writes the raw response itself; Koa must not touch it, unless it passes.
      ctx.respond = false;
      handler(ctx.req, ctx.res, (error?: unknown) => {
        if (error) {
          reject(error);
          return;
        }
        ctx.respond = true;
        next().then(resolve, reject);
      });
      // Not passed on: the handler owns the response from here.
      if (!ctx.respond) resolve();
    });
  };
}
