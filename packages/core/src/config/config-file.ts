import { pathToFileURL } from 'node:url';
import { ConfigFileError } from '../errors/config-file-error.js';
import { describeValue } from '../options/describe-value.js';
import type { Environment, ModelmuxConfig } from './define-config.js';
import { reason } from './error-reason.js';
import { readJsonConfig } from './json-config.js';

const exportExample = 'export default defineConfig({ targets, routes })';

/**
 * Loads a `modelmux.config.*` file. A script is imported (a `.ts` one needs Node >= 22.18, which
 * strips types, or a runner such as tsx or vitest); its default export is the config, or a
 * function of `{ env }` returning it, sync or async. A `.json` file is parsed, and may name its
 * models as `"openai/gpt-4.1-mini"` strings (see `json-config.ts`).
 */
export async function loadConfigFile(path: string, env: Environment): Promise<ModelmuxConfig> {
  if (path.endsWith('.json')) return readJsonConfig(path, env);
  const exported = await importDefault(path);
  let config: unknown = exported;
  if (typeof exported === 'function') {
    try {
      config = await exported({ env });
    } catch (error) {
      throw new ConfigFileError({
        path,
        problem: `its default export threw: ${reason(error)}`,
        cause: error,
      });
    }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigFileError({
      path,
      problem: `its default export must be the config, or a function returning it (${exportExample}); got ${describeValue(config)}`,
    });
  }
  return config as ModelmuxConfig;
}

async function importDefault(path: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ConfigFileError({
      path,
      problem: `${reason(error)}${hint(error, path)}`,
      cause: error,
    });
  }
  if (!('default' in module)) {
    throw new ConfigFileError({ path, problem: `it has no default export; add ${exportExample}` });
  }
  return module.default;
}

function hint(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && path.endsWith('.ts')) {
    return '. This Node cannot import TypeScript: use Node >= 22.18, or run with --experimental-strip-types, or rename it to modelmux.config.mjs';
  }
  return '';
}
