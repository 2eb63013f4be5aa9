import { isRouterErrorWithCode, RouterError } from './router-error.js';

/**
 * A `modelmux.config.*` file could not be loaded: it failed to import or parse, or its default
 * export is not a config. (A config that loads but is invalid throws `RouterConfigError`.)
 */
export class ConfigFileError extends RouterError {
  /** The config file's absolute path. */
  readonly path: string;
  constructor({ path, problem, cause }: { path: string; problem: string; cause?: unknown }) {
    super({
      name: 'ConfigFileError',
      code: 'config-file',
      message: `Could not load the modelmux config file ${path}: ${problem}`,
      cause,
    });
    this.path = path;
  }

  static override isInstance(error: unknown): error is ConfigFileError {
    return isRouterErrorWithCode(error, 'config-file');
  }

  override toJSON() {
    return { ...super.toJSON(), path: this.path };
  }
}
