import { createRouter, loadRouter, type Router } from '@modelmux/core';
import type { LlmRouterModuleOptions } from './llm-router-module-options.js';

/** The module's router, and whether the module made it (and so closes it on shutdown). */
export interface ModuleRouter {
  router: Router;
  owned: boolean;
}

/**
 * The router the options describe: the one given, one built from router options, or zero-config
 * (`modelmux.config.*`, else provider keys). Zero-config loads before the app starts, so a missing
 * or broken config fails `app.init()` / `NestFactory.create()` with core's error.
 */
export async function moduleRouterOf(options: LlmRouterModuleOptions): Promise<ModuleRouter> {
  if (options.router !== undefined) return { router: options.router, owned: false };
  if (options.targets !== undefined) {
    // The request options are this module's; createRouter rejects keys it does not know.
    const {
      context: _context,
      requestId: _requestId,
      router: _router,
      metrics: _metrics,
      ...routerOptions
    } = options;
    return { router: createRouter(routerOptions), owned: true };
  }
  const { cwd, env } = options;
  return { router: await loadRouter({ cwd, env }), owned: true };
}

/** Internal token of the `ModuleRouter`. */
export const MODULE_ROUTER = Symbol('modelmux.nestjs.module-router');
