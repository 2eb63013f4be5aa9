import type { LanguageModelInput } from '../options/router-options.js';

export type ProviderName = 'openai' | 'anthropic' | 'google';

/** Makes a provider's model factory from the key and base URL found in the environment. */
export type ProviderFactory = (settings: {
  apiKey: string;
  baseURL: string | undefined;
}) => (modelId: string) => LanguageModelInput;

/** A provider zero-config can build targets for from its key in the environment. */
export interface EnvironmentProvider {
  name: ProviderName;
  /** The variable holding the key, e.g. `OPENAI_API_KEY`. */
  apiKeyVariable: string;
  /** The variable holding a base URL (how tests point it at the testkit), e.g. `OPENAI_BASE_URL`. */
  baseUrlVariable: string;
  /** `MODELMUX_<PREFIX>_CHEAP_MODEL` and `MODELMUX_<PREFIX>_SMART_MODEL` override the models. */
  overridePrefix: string;
  /** The optional peer dependency that holds the provider. */
  packageName: string;
  models: { cheap: string; smart: string };
  /** Imports the package, only when its key is set. */
  load(): Promise<ProviderFactory>;
}

/**
 * The providers, in the order their targets appear in each route. Models are current ones that
 * the built-in price table knows, so cost tracking works out of the box. The base URL is passed
 * explicitly (`@ai-sdk/google` does not read one from the environment, and the `env` given to
 * zero-config may not be `process.env`).
 */
export const environmentProviders: readonly EnvironmentProvider[] = [
  {
    name: 'openai',
    apiKeyVariable: 'OPENAI_API_KEY',
    baseUrlVariable: 'OPENAI_BASE_URL',
    overridePrefix: 'OPENAI',
    packageName: '@ai-sdk/openai',
    models: { cheap: 'gpt-4.1-mini', smart: 'gpt-4.1' },
    load: async () => {
      const { createOpenAI } = await import('@ai-sdk/openai');
      return (settings) => createOpenAI(settings);
    },
  },
  {
    name: 'anthropic',
    apiKeyVariable: 'ANTHROPIC_API_KEY',
    baseUrlVariable: 'ANTHROPIC_BASE_URL',
    overridePrefix: 'ANTHROPIC',
    packageName: '@ai-sdk/anthropic',
    models: { cheap: 'claude-haiku-4-5', smart: 'claude-sonnet-4-5' },
    load: async () => {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return (settings) => createAnthropic(settings);
    },
  },
  {
    name: 'google',
    apiKeyVariable: 'GOOGLE_GENERATIVE_AI_API_KEY',
    baseUrlVariable: 'GOOGLE_GENERATIVE_AI_BASE_URL',
    overridePrefix: 'GOOGLE',
    packageName: '@ai-sdk/google',
    models: { cheap: 'gemini-2.5-flash', smart: 'gemini-2.5-pro' },
    load: async () => {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return (settings) => createGoogleGenerativeAI(settings);
    },
  },
];
