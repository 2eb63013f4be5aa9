import { readFile } from 'node:fs/promises';
import { ConfigFileError } from '../errors/config-file-error.js';
import { type ConfigIssue, RouterConfigError } from '../errors/router-config-error.js';
import type { LanguageModelInput } from '../options/router-options.js';
import type { Environment, ModelmuxConfig } from './define-config.js';
import { environmentProviders } from './environment-providers.js';
import { reason } from './error-reason.js';
import { providerModels } from './provider-models.js';

/**
 * Reads `modelmux.config.json`. JSON cannot hold a model object, so a target's `model` there is a
 * `"<provider>/<model id>"` string (`openai`, `anthropic`, `google`), built like zero-config's
 * models: key and base URL from the environment, package imported on use.
 */
export async function readJsonConfig(path: string, env: Environment): Promise<ModelmuxConfig> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigFileError({ path, problem: reason(error), cause: error });
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigFileError({
      path,
      problem: 'it must hold an object: { "targets": [...], "routes": {...} }',
    });
  }
  const targets = (config as { targets?: unknown }).targets;
  if (!Array.isArray(targets)) return config as ModelmuxConfig;
  const issues: ConfigIssue[] = [];
  const resolved = await Promise.all(
    targets.map(async (target: unknown, index) => {
      const model = (target as { model?: unknown } | null)?.model;
      if (typeof model !== 'string') return target;
      const built = await modelFromReference(model, env);
      if (typeof built === 'string') {
        issues.push({ path: `targets[${index}].model`, message: built });
        return target;
      }
      return { ...(target as object), model: built };
    }),
  );
  if (issues.length > 0) throw new RouterConfigError({ issues, source: path });
  return { ...(config as ModelmuxConfig), targets: resolved as ModelmuxConfig['targets'] };
}

/** The model a reference names, or what is wrong with it. */
async function modelFromReference(
  reference: string,
  env: Environment,
): Promise<LanguageModelInput | string> {
  const slash = reference.indexOf('/');
  const name = reference.slice(0, Math.max(slash, 0));
  const modelId = reference.slice(slash + 1);
  const provider = environmentProviders.find((candidate) => candidate.name === name);
  const known = environmentProviders.map((candidate) => `${candidate.name}/<model>`).join(', ');
  if (slash <= 0 || modelId === '' || provider === undefined) {
    return `"${reference}" is not a model reference; use ${known}`;
  }
  const models = await providerModels(provider, env);
  return models.ok
    ? models.model(modelId)
    : `"${reference}" needs ${provider.apiKeyVariable}, which ${models.problem}`;
}
