import type { AddressInfo } from 'node:net';
import type { Environment } from '@modelmux/core';
import { hasRouterConfig, startFakeRouter } from '@modelmux/example-fake-fleet';
import { NestFactory } from '@nestjs/core';
import { appModule } from './app.module.js';

export interface StartOptions {
  /** @default 3000; 0 picks a free port */
  port?: number;
  /** Where zero-config looks for provider keys. @default process.env */
  env?: Environment;
  /** Where zero-config looks for `modelmux.config.*`. @default process.cwd() */
  cwd?: string;
  /** Nest's start-up log. @default false */
  log?: boolean;
}

/**
 * Starts the app on 127.0.0.1. With a `modelmux.config.*` or a provider key it runs zero-config
 * (real providers); with neither it runs on the testkit's fake providers.
 */
export async function start({
  port = 3000,
  env = process.env,
  cwd = process.cwd(),
  log = false,
}: StartOptions = {}) {
  const fleet = hasRouterConfig(cwd, env) ? undefined : await startFakeRouter();
  try {
    const app = await NestFactory.create(
      appModule(fleet ? { router: fleet.router } : { cwd, env }),
      { logger: log ? undefined : false, forceCloseConnections: true },
    );
    await app.listen(port, '127.0.0.1');
    return {
      url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
      providers: fleet ? 'fake' : 'real',
      async close() {
        await app.close();
        await fleet?.close();
      },
    };
  } catch (error) {
    await fleet?.close(); // e.g. the port is taken
    throw error;
  }
}
