import { createStatusPage, type Router, type StatusPageOptions } from '@modelmux/core';
import type { Middleware } from 'koa';

export interface LlmStatusPageOptions extends StatusPageOptions {
  router: Router;
  /** Where the page lives. @default '/status' */
  path?: string;
}

/**
 * The live status page as Koa middleware: `app.use(llmStatusPage({ router, key }))` serves
 * `/status` (and its event stream); other paths go on. `close()` ends the open event streams.
 */
export function llmStatusPage({
  router,
  path = '/status',
  ...options
}: LlmStatusPageOptions): Middleware & { close(): void } {
  const page = createStatusPage(router, { ...options, path });
  const middleware: Middleware = async (ctx, next) => {
    if (!page.owns(ctx.req)) return next();
    // The page writes the raw response (an event stream stays open); Koa must not touch it.
    ctx.respond = false;
    page(ctx.req, ctx.res);
  };
  return Object.assign(middleware, { close: page.close });
}
