import type { LanguageModelInput } from '../options/router-options.js';
import type { Environment } from './define-config.js';
import type { EnvironmentProvider } from './environment-providers.js';
import { reason } from './error-reason.js';
import { hasValue } from './router-source.js';

export type ProviderModels =
  | { ok: true; model: (modelId: string) => LanguageModelInput }
  /** What is wrong with the provider's key variable, e.g. `is not set`. */
  | { ok: false; problem: string };

/**
 * A provider's model factory, set up with the key and base URL from `env`, or what stands in the
 * way (key unset, package missing). Problems name variables and packages, never their values.
 */
export async function providerModels(
  provider: EnvironmentProvider,
  env: Environment,
): Promise<ProviderModels> {
  const apiKey = env[provider.apiKeyVariable];
  if (!hasValue(apiKey)) return { ok: false, problem: 'is not set' };
  const baseUrl = env[provider.baseUrlVariable];
  try {
    const factory = await provider.load();
    return {
      ok: true,
      model: factory({ apiKey, baseURL: hasValue(baseUrl) ? baseUrl : undefined }),
    };
  } catch (error) {
    return {
      ok: false,
      problem: `is set, but ${provider.packageName} could not be loaded (${reason(error)}). Install it: npm install ${provider.packageName}`,
    };
  }
}
