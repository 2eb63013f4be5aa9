import type { IncomingMessage } from 'node:http';
import type { Environment, Router, RouterOptions } from '@modelmux/core';
import type { LlmMetricsOptions } from './llm-metrics.js';

/** How each request's client is bound; the same options as `@modelmux/express`'s `llmRouter`. */
export interface LlmRequestOptions {
  /**
   * Extra metadata for every trace of the request: user, tenant, tags. Receives the platform's
   * request (Express's `Request` on the Express platform).
   * @default none
   */
  context?(request: IncomingMessage): Readonly<Record<string, string>> | undefined;
  /** The request's id in its traces. @default the `x-request-id` header, else a random UUID */
  requestId?(request: IncomingMessage): string;
}

/** What the module serves besides the router. */
export interface LlmServedOptions {
  /**
   * Prometheus metrics at `GET /metrics`: `true`, or `createMetrics`' options plus `path`.
   * @default false
   */
  metrics?: boolean | LlmMetricsOptions;
}

/** A router you built (and close yourself). */
export interface ExplicitRouterOptions {
  router: Router;
  targets?: undefined;
}

/** Zero-config: `modelmux.config.*` in `cwd`, else the provider keys in `env`. */
export interface ZeroConfigOptions {
  router?: undefined;
  targets?: undefined;
  /** Where to look for `modelmux.config.*`. @default process.cwd() */
  cwd?: string;
  /** Where to look for provider keys. @default process.env */
  env?: Environment;
}

/**
 * What `LlmRouterModule.forRoot` takes (and `forRootAsync`'s factory returns): an explicit
 * `router`, the options of one to build (`targets`, `routes`, ...), or neither (zero-config);
 * plus how requests are bound.
 */
export type LlmRouterModuleOptions = LlmRequestOptions &
  LlmServedOptions &
  (ExplicitRouterOptions | (RouterOptions & { router?: undefined }) | ZeroConfigOptions);
