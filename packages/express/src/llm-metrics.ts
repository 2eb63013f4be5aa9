import { type MetricsSource, metricsOf } from '@modelmux/core';
import type { RequestHandler } from 'express';

/**
 * The router's Prometheus metrics as an Express handler: `app.get('/metrics', llmMetrics({ router }))`.
 * Takes `createMetrics`' options (`registry`, `prefix`, `buckets`, `token`) or `{ metrics }`.
 */
export function llmMetrics(source: MetricsSource): RequestHandler {
  const metrics = metricsOf(source);
  return function llmMetricsHandler(req, res) {
    metrics.handler(req, res);
  };
}
