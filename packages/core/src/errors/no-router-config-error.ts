import { isRouterErrorWithCode, RouterError } from './router-error.js';

/**
 * Zero-config found nothing to build a router from: no `modelmux.config.*` in the working
 * directory and no provider key in the environment. Thrown at start-up; the message says both
 * fixes and never prints an environment value.
 */
export class NoRouterConfigError extends RouterError {
  /** The directory searched for a config file. */
  readonly cwd: string;
  constructor({ cwd }: { cwd: string }) {
    super({
      name: 'NoRouterConfigError',
      code: 'no-router-config',
      message: [
        `No modelmux router config found in ${cwd}. Fix it either way:`,
        `  1. Create ${cwd}/modelmux.config.ts (or .mjs, .js, .json), e.g.`,
        `       import { openai } from '@ai-sdk/openai';`,
        `       import { defineConfig } from '@modelmux/core';`,
        `       export default defineConfig({ targets: [{ id: 'mini', model: openai('gpt-4.1-mini') }], routes: { default: { targets: ['mini'] } } });`,
        '  2. Or set OPENAI_API_KEY, ANTHROPIC_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY: modelmux then',
        '     builds the routes default, cheap and smart from the providers whose keys it finds.',
      ].join('\n'),
    });
    this.cwd = cwd;
  }

  static override isInstance(error: unknown): error is NoRouterConfigError {
    return isRouterErrorWithCode(error, 'no-router-config');
  }
}
