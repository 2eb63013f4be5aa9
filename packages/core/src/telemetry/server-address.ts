import type { ResolvedTarget } from '../options/resolved-options.js';

export interface ServerAddress {
  address: string;
  port: number | undefined;
}

/**
 * The host a target's model calls, for `server.address`. The AI SDK keeps it in the model's
 * `config` (`baseURL`, or a `url()` builder), which is not public API: this reads it best-effort
 * and only the host and port, never a path or query (where keys can hide).
 */
export function serverAddressOf(target: ResolvedTarget): ServerAddress | undefined {
  const config = (target.languageModel ?? target.embeddingModel) as
    | { config?: { baseURL?: unknown; url?: unknown } }
    | undefined;
  let url: unknown = config?.config?.baseURL;
  try {
    if (typeof url !== 'string' && typeof config?.config?.url === 'function') {
      url = (config.config.url as (options: { path: string; modelId: string }) => unknown)({
        path: '',
        modelId: target.modelId,
      });
    }
    if (typeof url !== 'string') return undefined;
    const parsed = new URL(url);
    const port = parsed.port === '' ? undefined : Number(parsed.port);
    return { address: parsed.hostname, port };
  } catch {
    return undefined;
  }
}
