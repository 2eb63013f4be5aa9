import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { NoRouterConfigError } from '../errors/no-router-config-error.js';
import type { Environment } from './define-config.js';
import { environmentProviders, type ProviderName } from './environment-providers.js';

/** Where zero-config found the router. */
export type RouterSource =
  /** A config file, by absolute path. */
  | { kind: 'file'; path: string }
  /** Provider keys: the providers whose key is set, in order openai, anthropic, google. */
  | { kind: 'environment'; providers: ProviderName[] };

/** Looked for in this order; the first that exists wins. */
export const configFileNames = [
  'modelmux.config.ts',
  'modelmux.config.mjs',
  'modelmux.config.js',
  'modelmux.config.json',
] as const;

/**
 * Finds where the router comes from, synchronously (a few `stat` calls), so a missing config
 * fails at start-up: the first `modelmux.config.*` in `cwd`, else the provider keys in `env`,
 * else `NoRouterConfigError`.
 */
export function findRouterSource({
  cwd = process.cwd(),
  env = process.env,
}: {
  cwd?: string;
  env?: Environment;
} = {}): RouterSource {
  for (const name of configFileNames) {
    const path = resolve(cwd, name);
    if (statSync(path, { throwIfNoEntry: false })?.isFile()) return { kind: 'file', path };
  }
  const providers = environmentProviders
    .filter((provider) => hasValue(env[provider.apiKeyVariable]))
    .map((provider) => provider.name);
  if (providers.length > 0) return { kind: 'environment', providers };
  throw new NoRouterConfigError({ cwd: resolve(cwd) });
}

/** An empty or blank variable counts as unset. */
export function hasValue(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
