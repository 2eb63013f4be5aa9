import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MetricsOptions, metricsOf, type RouterMetrics } from '@modelmux/core';
import type { LlmRouterModuleOptions } from './llm-router-module-options.js';
import type { ModuleRouter } from './module-router.js';

/** `LlmRouterModule.forRoot({ metrics })`: Prometheus metrics served at `GET <path>`. */
export interface LlmMetricsOptions extends MetricsOptions {
  /** Where the metrics are served. @default 'metrics' */
  path?: string;
}

/** The module's metrics, when `metrics` is set: what its middleware serves. */
export interface ModuleMetrics {
  metrics: RouterMetrics;
  path: string;
  middleware: (request: IncomingMessage, response: ServerResponse) => void;
}

/** The metrics the module options ask for, over the module's router; undefined when off. */
export function moduleMetricsOf(
  options: LlmRouterModuleOptions,
  { router }: ModuleRouter,
): ModuleMetrics | undefined {
  if (!options.metrics) return undefined;
  const { path = 'metrics', ...metricsOptions } = options.metrics === true ? {} : options.metrics;
  const metrics = metricsOf({ router, ...metricsOptions });
  return { metrics, path, middleware: (request, response) => metrics.handler(request, response) };
}

/** Internal token of the `ModuleMetrics` (undefined when `metrics` is off). */
export const MODULE_METRICS = Symbol('modelmux.nestjs.module-metrics');
