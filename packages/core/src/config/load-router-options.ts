import { loadConfigFile } from './config-file.js';
import type { Environment, ModelmuxConfig } from './define-config.js';
import { environmentConfig } from './environment-config.js';
import type { RouterSource } from './router-source.js';

/**
 * The config a source holds: a file's default export (imported), or the targets and routes built
 * from the provider keys in `env`. Throws `ConfigFileError` when a file cannot be loaded and
 * `RouterConfigError` when a provider's key is set but its package is missing.
 */
export async function loadRouterOptions(
  source: RouterSource,
  { env = process.env }: { env?: Environment } = {},
): Promise<ModelmuxConfig> {
  if (source.kind === 'file') return loadConfigFile(source.path, env);
  return environmentConfig({ env, providers: source.providers });
}
