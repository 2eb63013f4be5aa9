import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Environment } from '@modelmux/core';
import { hasRouterConfig, startFakeRouter } from '@modelmux/example-fake-fleet';
import { createApp } from './app.js';

export interface StartOptions {
  /** @default 3000; 0 picks a free port */
  port?: number;
  /** Where zero-config looks for provider keys. @default process.env */
  env?: Environment;
  /** Where zero-config looks for `modelmux.config.*`. @default process.cwd() */
  cwd?: string;
}

/**
 * Starts the app on 127.0.0.1. With a `modelmux.config.*` or a provider key it runs zero-config
 * (`llmRouter()`, real providers); with neither it runs on the testkit's fake providers.
 */
export async function start({
  port = 3000,
  env = process.env,
  cwd = process.cwd(),
}: StartOptions = {}) {
  const fleet = hasRouterConfig(cwd, env) ? undefined : await startFakeRouter();
  const app = createApp(fleet ? { router: fleet.router } : { cwd, env });
  const server = createServer(app).listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    await fleet?.close(); // e.g. the port is taken
    throw error;
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    providers: fleet ? 'fake' : 'real',
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fleet?.close();
    },
  };
}
