import type { Router } from '../create-router.js';
import type { Environment } from './define-config.js';
import { loadRouter } from './load-router.js';
import { findRouterSource, type RouterSource } from './router-source.js';

export interface LazyRouterOptions {
  /** Use this router; no discovery. @default undefined (zero-config) */
  router?: Router;
  /** Where to look for `modelmux.config.*`. @default process.cwd() */
  cwd?: string;
  /** Where to read provider keys. @default process.env */
  env?: Environment;
}

export interface LazyRouter {
  /** The router once loaded; rejects with the load error (surfaced by the first request). */
  ready: Promise<Router>;
  /** Where it comes from; `explicit` when a router was passed in. */
  source: RouterSource | { kind: 'explicit' };
}

/**
 * For adapters whose `llmRouter()` must return synchronously. With a router, that router.
 * Otherwise the source is found now, synchronously, so a missing config throws
 * `NoRouterConfigError` where `app.use(llmRouter())` runs, and loading starts at once.
 */
export function createLazyRouter({ router, cwd, env }: LazyRouterOptions = {}): LazyRouter {
  if (router !== undefined) return { ready: Promise.resolve(router), source: { kind: 'explicit' } };
  const source = findRouterSource({ cwd, env });
  const ready = loadRouter({ cwd, env, source });
  // Nobody awaits `ready` until the first request; without a handler a broken config file would
  // be an unhandled rejection and end the process before that request could report it.
  ready.catch(() => {});
  return { ready, source };
}
