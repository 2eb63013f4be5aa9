import type { ConfigIssue } from '../errors/router-config-error.js';
import { RouterConfigError } from '../errors/router-config-error.js';
import type { TargetOptions } from '../options/router-options.js';
import type { Environment, ModelmuxConfig } from './define-config.js';
import {
  type EnvironmentProvider,
  environmentProviders,
  type ProviderName,
} from './environment-providers.js';
import { providerModels } from './provider-models.js';
import { hasValue } from './router-source.js';

type Tier = 'cheap' | 'smart';

/**
 * The zero-config router from provider keys: per provider a cheap and a smart target
 * (`openai-cheap`, `openai-smart`, ...), and the routes `cheap` (the cheap models), `smart` (the
 * smart ones, then the cheap ones as a last resort) and `default` (cheap, then smart), each in
 * provider order. Each provider package is imported only when its key is set.
 */
export async function environmentConfig({
  env,
  providers,
  table = environmentProviders,
}: {
  env: Environment;
  /** Which providers to use, e.g. from `findRouterSource`. */
  providers: readonly ProviderName[];
  /** The provider table; tests replace a package loader. */
  table?: readonly EnvironmentProvider[];
}): Promise<ModelmuxConfig> {
  const chosen = table.filter((provider) => providers.includes(provider.name));
  const loaded = await Promise.all(
    chosen.map(async (provider) => ({ provider, models: await providerModels(provider, env) })),
  );
  const issues: ConfigIssue[] = [];
  const targets: TargetOptions[] = [];
  const ids: Record<Tier, string[]> = { cheap: [], smart: [] };
  for (const { provider, models } of loaded) {
    if (!models.ok) {
      issues.push({ path: provider.apiKeyVariable, message: models.problem });
      continue;
    }
    for (const tier of ['cheap', 'smart'] as const) {
      const id = `${provider.name}-${tier}`;
      targets.push({ id, model: models.model(modelIdOf(provider, tier, env)) });
      ids[tier].push(id);
    }
  }
  if (issues.length > 0) throw new RouterConfigError({ issues, source: 'the environment' });
  if (targets.length === 0) {
    throw new RouterConfigError({
      source: 'the environment',
      issues: [{ path: 'providers', message: 'none given; expected openai, anthropic or google' }],
    });
  }
  return {
    targets,
    routes: {
      default: { targets: [...ids.cheap, ...ids.smart] },
      cheap: { targets: ids.cheap },
      smart: { targets: [...ids.smart, ...ids.cheap] },
    },
  };
}

/** `MODELMUX_<PROVIDER>_<TIER>_MODEL`, else the built-in choice. */
export function modelIdOf(provider: EnvironmentProvider, tier: Tier, env: Environment): string {
  const override = env[`MODELMUX_${provider.overridePrefix}_${tier.toUpperCase()}_MODEL`];
  return hasValue(override) ? override.trim() : provider.models[tier];
}
