import { type MetricsSource, metricsOf } from '@modelmux/core';
import type { Middleware } from 'koa';

/**
 * The router's Prometheus metrics as Koa middleware answering `GET <path>` (default `/metrics`);
 * other requests go on. Takes `createMetrics`' options (`registry`, `prefix`, `buckets`, `token`)
 * or `{ metrics }`.
 */
export function llmMetrics(source: MetricsSource & { path?: string }): Middleware {
  const { path = '/metrics', ...rest } = source;
  const metrics = metricsOf(rest as MetricsSource);
  return async function llmMetricsMiddleware(ctx, next) {
    if (ctx.method !== 'GET' || ctx.path !== path) return next();
    const { status, headers, body } = await metrics.respond(ctx.req);
    ctx.status = status;
    ctx.set(headers);
    ctx.body = body;
  };
}
