import type { RouterOptions } from '../options/router-options.js';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What a `modelmux.config.*` file exports: the router's options, plus an optional `gateway`
 * section that `@modelmux/gateway` validates itself (the router never sees it).
 */
export type ModelmuxConfig = RouterOptions & {
  /** `@modelmux/gateway`'s settings; ignored by the router. @default undefined */
  gateway?: Record<string, unknown>;
};

/** A config file's default export may also be a function of the environment, sync or async. */
export type ModelmuxConfigFactory = (context: {
  env: Environment;
}) => ModelmuxConfig | Promise<ModelmuxConfig>;

/**
 * Gives a config file its types; returns its argument unchanged.
 *
 * ```ts
 * // modelmux.config.ts
 * export default defineConfig({ targets: [{ id: 'mini', model: openai('gpt-4.1-mini') }],
 *   routes: { default: { targets: ['mini'] } } });
 * ```
 */
export function defineConfig(config: ModelmuxConfig): ModelmuxConfig;
export function defineConfig(factory: ModelmuxConfigFactory): ModelmuxConfigFactory;
export function defineConfig(
  config: ModelmuxConfig | ModelmuxConfigFactory,
): ModelmuxConfig | ModelmuxConfigFactory {
  return config;
}

/** The router's part of a config: everything but the `gateway` section. */
export function routerOptionsOf(config: ModelmuxConfig): RouterOptions {
  const { gateway: _gateway, ...routerOptions } = config;
  return routerOptions;
}
