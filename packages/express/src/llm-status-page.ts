import { createStatusPage, type Router, type StatusPageOptions } from '@modelmux/core';
import type { RequestHandler } from 'express';

export interface LlmStatusPageOptions extends StatusPageOptions {
  router: Router;
}

/**
 * The live status page as Express middleware: `app.use('/status', llmStatusPage({ router, key }))`.
 * `close()` ends the open event streams.
 */
export function llmStatusPage({
  router,
  ...options
}: LlmStatusPageOptions): RequestHandler & { close(): void } {
  const page = createStatusPage(router, options);
  const middleware: RequestHandler = (req, res, next) => page(req, res, next);
  return Object.assign(middleware, { close: page.close });
}
