import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MetricsOptions, RouterConfigError } from '@modelmux/core';
import { createGatewayHandler } from './create-gateway-handler.js';
import type { GatewayOptions } from './gateway-options.js';
import { isLoopback } from './http/loopback.js';
import { sendJson } from './http/send-json.js';
import { createDrain } from './server/drain.js';
import { createMetricsEndpoint } from './server/metrics-endpoint.js';

export interface GatewayServerOptions extends GatewayOptions {
  /** The address to listen on. @default '127.0.0.1' */
  host?: string;
  /** The port; 0 picks a free one (`listen()` says which). @default 4000 */
  port?: number;
  /**
   * `GET /metrics`, the router's Prometheus metrics: `false` turns it off; `token` guards it with
   * its own bearer token instead of the gateway's keys; `registry`, `prefix` and `buckets` are
   * `createMetrics`' options. @default true (on, behind the gateway's keys)
   */
  metrics?: boolean | MetricsOptions;
}

export interface GatewayServer {
  /** Starts listening; resolves with the bound URL, e.g. `http://127.0.0.1:4000`. */
  listen(): Promise<{ url: string }>;
  /**
   * Graceful shutdown: stops accepting connections (`/readyz` answers 503), lets requests in
   * flight (streams included) finish for up to `deadlineMs`, then cuts what is left.
   * @param deadlineMs @default 10000
   */
  close(deadlineMs?: number): Promise<void>;
  /** The `node:http` server, for what the options do not cover (timeouts, TLS in front...). */
  readonly server: Server;
}

/**
 * The gateway as a standalone HTTP server (what `modelmux serve` runs), with `GET /healthz`
 * (200 while the process serves), `GET /readyz` (200 while it accepts work, 503 while it drains)
 * and `GET /metrics` (Prometheus).
 * With no keys and auth not 'none', it refuses to listen on anything but loopback.
 */
export function createGatewayServer(options: GatewayServerOptions): GatewayServer {
  const { host = '127.0.0.1', port = 4000, metrics = true, ...gatewayOptions } = options;
  const handler = createGatewayHandler(gatewayOptions);
  const metricsEndpoint =
    metrics === false
      ? undefined
      : createMetricsEndpoint(gatewayOptions, metrics === true ? {} : metrics);
  const open = gatewayOptions.auth === 'none';
  if (!open && (gatewayOptions.keys ?? []).length === 0 && !isLoopback(host)) {
    throw new RouterConfigError({
      issues: [
        {
          path: 'gateway.keys',
          message: `no keys are configured, so the gateway will not listen on ${host}, which other machines can reach. Add gateway.keys, listen on 127.0.0.1, or set gateway.auth to "none" if something in front of it authenticates callers.`,
        },
      ],
    });
  }
  let listening = false;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ready = listening && !drain.draining;
      return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'draining' });
    }
    if (path === '/metrics' && metricsEndpoint && request.method === 'GET')
      return metricsEndpoint.serve(request, response);
    if (drain.draining) return drain.refuse(response);
    handler(request, response);
  });
  const drain = createDrain(server);

  return {
    server,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          listening = true;
          if (open && !isLoopback(host)) {
            const warning = `modelmux gateway: auth is "none" on ${host}: anyone who can reach it can spend your provider credits.`;
            if (gatewayOptions.logger) gatewayOptions.logger.warn({ host }, warning);
            else process.emitWarning(warning, 'ModelmuxWarning');
          }
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shown}:${address.port}` });
        });
      });
    },
    async close(deadlineMs = 10_000) {
      // Event streams of the status page never end by themselves.
      handler.close();
      metricsEndpoint?.metrics.close();
      await drain.close(deadlineMs);
      listening = false;
    },
  };
}
