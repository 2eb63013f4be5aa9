import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMetrics, type MetricsOptions, type RouterMetrics } from '@modelmux/core';
import { authenticate } from '../auth/authenticate.js';
import { type GatewayOptions, parseGatewayOptions } from '../gateway-options.js';
import { sendError } from '../http/send-json.js';
import { gatewayErrorOf } from '../openai/gateway-error.js';

export interface MetricsEndpoint {
  metrics: RouterMetrics;
  serve(request: IncomingMessage, response: ServerResponse): void;
}

/**
 * The server's `GET /metrics`: the router's Prometheus metrics, guarded like the API (a virtual
 * key; loopback clients only when no key is configured; anyone with auth 'none'), or, with
 * `token`, by that bearer token alone, so a Prometheus scraper holds no key that can spend.
 */
export function createMetricsEndpoint(
  options: GatewayOptions,
  metricsOptions: MetricsOptions,
): MetricsEndpoint {
  const access = parseGatewayOptions(options);
  const metrics = createMetrics(options.router, metricsOptions);
  return {
    metrics,
    serve(request, response) {
      if (metricsOptions.token === undefined) {
        try {
          authenticate(request, access);
        } catch (error) {
          sendError(response, gatewayErrorOf(error));
          return;
        }
      }
      metrics.handler(request, response);
    },
  };
}
