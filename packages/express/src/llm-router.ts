import {
  abortSignalOnClose,
  createLazyRouter,
  type LazyRouterOptions,
  requestIdOf,
} from '@modelmux/core';
import type { Request, RequestHandler } from 'express';

/**
 * `router`, or zero-config (`modelmux.config.*` in `cwd`, else provider keys in `env`), plus
 * what each request adds to its traces.
 */
export interface LlmRouterOptions extends LazyRouterOptions {
  /** Extra request metadata for every trace: user, tenant, tags. @default none */
  context?: (req: Request) => Readonly<Record<string, string>> | undefined;
  /** The request's id in its traces. @default the `x-request-id` header, else a random UUID */
  requestId?: (req: Request) => string;
}

/**
 * Express middleware that sets `req.llm`: a client of the router bound to this request. Every
 * call made through it carries the request's metadata into its trace and is aborted when the
 * HTTP client goes away. Without `router`, zero-config runs now: no config throws here, at
 * start-up; a config that fails to load fails each request with its error.
 */
export function llmRouter(options: LlmRouterOptions = {}): RequestHandler {
  const { context, requestId = requestIdOf, ...source } = options;
  const lazy = createLazyRouter(source);
  return async function llmRouterMiddleware(req, res, next) {
    const router = await lazy.ready; // Express 5 hands a rejection to the error handlers
    req.llm = router.createClient({
      signal: abortSignalOnClose(req, res),
      metadata: { ...context?.(req), requestId: requestId(req) },
    });
    next();
  };
}
