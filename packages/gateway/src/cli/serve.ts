import { resolve } from 'node:path';
import {
  createRouter,
  type Environment,
  findRouterSource,
  loadRouterOptions,
  type Router,
  RouterConfigError,
  type RouterSource,
} from '@modelmux/core';
import { pino } from 'pino';
import { createGatewayServer, type GatewayServer } from '../create-gateway-server.js';
import type { CliCommand } from './cli-args.js';

type ServeCommand = Extract<CliCommand, { command: 'serve' }>;

export interface ServeContext {
  cwd: string;
  env: Environment;
  /** Where the bound URL is printed, as one line. */
  stdout: NodeJS.WritableStream;
}

export interface RunningGateway {
  url: string;
  router: Router;
  server: GatewayServer;
  logger: pino.Logger;
}

/**
 * `modelmux serve`: loads the config (the router's options and its `gateway` section), builds
 * the router, and starts the gateway server. Config errors name the file they came from.
 */
export async function serve(command: ServeCommand, context: ServeContext): Promise<RunningGateway> {
  const source: RouterSource =
    command.config === undefined
      ? findRouterSource({ cwd: context.cwd, env: context.env })
      : { kind: 'file', path: resolve(context.cwd, command.config) };
  const config = await loadRouterOptions(source, { env: context.env });
  const { gateway = {}, ...routerOptions } = config;
  const logger = pino(
    { name: 'modelmux', level: command.logLevel },
    pino.destination({ fd: 2, sync: true }),
  );
  // The router logs one line per call through the same pino logger, unless the config brings one.
  const router = withSource(source, () => createRouter({ logger, ...routerOptions }));
  const { host, port, ...gatewayOptions } = gateway as { host?: unknown; port?: unknown };
  const server = withSource(source, () =>
    createGatewayServer({
      ...gatewayOptions,
      router,
      logger,
      host: command.host ?? (typeof host === 'string' ? host : undefined),
      port: command.port ?? (typeof port === 'number' ? port : undefined),
    }),
  );
  const { url } = await server.listen();
  context.stdout.write(`${url}\n`);
  logger.info({ url, routes: router.routes, targets: router.targets }, 'listening');
  return { url, router, server, logger };
}

function withSource<T>(source: RouterSource, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!RouterConfigError.isInstance(error) || error.source !== undefined) throw error;
    throw new RouterConfigError({
      issues: error.issues,
      source: source.kind === 'file' ? source.path : 'the environment',
      cause: error,
    });
  }
}
