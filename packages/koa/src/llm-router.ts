import {
  abortSignalOnClose,
  createLazyRouter,
  type LazyRouterOptions,
  requestIdOf,
} from '@modelmux/core';
import type { Context, Middleware } from 'koa';

/**
 * `router`, or zero-config (`modelmux.config.*` in `cwd`, else provider keys in `env`), plus
 * what each request adds to its traces.
 */
export interface LlmRouterOptions extends LazyRouterOptions {
  /** Extra request metadata for every trace: user, tenant, tags. @default none */
  context?: (ctx: Context) => Readonly<Record<string, string>> | undefined;
  /** The request's id in its traces. @default the `x-request-id` header, else a random UUID */
  requestId?: (ctx: Context) => string;
}

/**
 * Koa middleware that sets `ctx.llm`: a client of the router bound to this request. Every call
 * made through it carries the request's metadata into its trace and is aborted when the HTTP
 * client goes away. Without `router`, zero-config runs now: no config throws here, at start-up;
 * a config that fails to load fails each request with its error.
 */
export function llmRouter(options: LlmRouterOptions = {}): Middleware {
  const { context, requestId = (ctx: Context) => requestIdOf(ctx.req), ...source } = options;
  const lazy = createLazyRouter(source);
  return async function llmRouterMiddleware(ctx, next) {
    const router = await lazy.ready;
    ctx.llm = router.createClient({
      signal: abortSignalOnClose(ctx.req, ctx.res),
      metadata: { ...context?.(ctx), requestId: requestId(ctx) },
    });
    await next();
  };
}
