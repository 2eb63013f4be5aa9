import { createRouter, type Router } from '../create-router.js';
import { RouterConfigError } from '../errors/router-config-error.js';
import { type Environment, type ModelmuxConfig, routerOptionsOf } from './define-config.js';
import { loadRouterOptions } from './load-router-options.js';
import { findRouterSource, type RouterSource } from './router-source.js';

export interface LoadRouterOptions {
  /** Where to look for `modelmux.config.*`. @default process.cwd() */
  cwd?: string;
  /** Where to read provider keys, base URLs and model overrides. @default process.env */
  env?: Environment;
  /** A source already found by `findRouterSource`. @default findRouterSource({ cwd, env }) */
  source?: RouterSource;
}

/** Zero-config: finds the config (file or environment), loads it and builds the router. */
export async function loadRouter({
  cwd = process.cwd(),
  env = process.env,
  source = findRouterSource({ cwd, env }),
}: LoadRouterOptions = {}): Promise<Router> {
  const config = await loadRouterOptions(source, { env });
  return createRouterFromConfig({ config, source });
}

/**
 * `createRouter` over a loaded config minus its `gateway` section (for a caller that reads that
 * section too, such as the gateway's CLI). Validation errors name the file (or the environment)
 * the options came from.
 */
export function createRouterFromConfig({
  config,
  source,
}: {
  config: ModelmuxConfig;
  /** Where the config came from, named in a `RouterConfigError`. @default undefined */
  source?: RouterSource;
}): Router {
  try {
    return createRouter(routerOptionsOf(config));
  } catch (error) {
    if (!RouterConfigError.isInstance(error) || error.source !== undefined || !source) throw error;
    throw new RouterConfigError({
      issues: error.issues,
      source: source.kind === 'file' ? source.path : 'the environment',
      cause: error,
    });
  }
}
