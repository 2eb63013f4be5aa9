import type { LanguageModelV4 } from '@ai-sdk/provider';

/** The wire protocols the gateway can relay as they are. */
export type UpstreamProtocol = 'openai-chat' | 'anthropic-messages';

/** Where a target's requests go: the URL and the headers its provider sends. */
export interface Upstream {
  protocol: UpstreamProtocol;
  url: URL;
  /** The provider's own headers (its key among them): they go to the upstream and nowhere else. */
  headers: () => Promise<Record<string, string>>;
}

/** What the provider packages' models keep in their `config` (not part of their typed API). */
interface ModelConfig {
  provider?: unknown;
  url?: unknown;
  baseURL?: unknown;
  headers?: unknown;
  fetch?: unknown;
  buildRequestUrl?: unknown;
  transformRequestBody?: unknown;
}

const upstreams = new WeakMap<object, Upstream | null>();

/**
 * The upstream of a target whose model is `@ai-sdk/openai`'s chat model (`openai.chat(id)`) or
 * `@ai-sdk/anthropic`'s messages model (`anthropic(id)`), read once from the model's own settings:
 * the URL its provider posts to and its headers. Undefined for any other model (another
 * protocol, a wrapped or hand-made model, one with its own `fetch` or request rewriting, which
 * the gateway could not honour): those keep the AI SDK path.
 */
export function upstreamOf(model: LanguageModelV4 | undefined): Upstream | undefined {
  if (model === undefined) return undefined;
  let upstream = upstreams.get(model);
  if (upstream === undefined) {
    upstream = readUpstream(model) ?? null;
    upstreams.set(model, upstream);
  }
  return upstream ?? undefined;
}

function readUpstream(model: LanguageModelV4): Upstream | undefined {
  if (model.specificationVersion !== 'v4') return undefined;
  const config = (model as unknown as { config?: ModelConfig }).config;
  if (config === undefined || config.fetch !== undefined) return undefined;
  const headers = headersOf(config.headers);
  const kind = model.constructor.name;
  if (kind === 'OpenAIChatLanguageModel') {
    if (typeof config.url !== 'function') return undefined;
    if (typeof config.provider !== 'string' || !config.provider.endsWith('.chat')) return undefined;
    const url = httpUrl(() =>
      (config.url as (options: { path: string; modelId: string }) => string)({
        path: '/chat/completions',
        modelId: model.modelId,
      }),
    );
    return url && { protocol: 'openai-chat', url, headers };
  }
  if (kind === 'AnthropicLanguageModel') {
    if (config.buildRequestUrl !== undefined || config.transformRequestBody !== undefined)
      return undefined;
    if (typeof config.baseURL !== 'string') return undefined;
    const url = httpUrl(() => `${config.baseURL}/messages`);
    return url && { protocol: 'anthropic-messages', url, headers };
  }
  return undefined;
}

function httpUrl(build: () => string): URL | undefined {
  try {
    const url = new URL(build());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's headers, resolved on every attempt (a key given as a function may rotate). */
function headersOf(configured: unknown): () => Promise<Record<string, string>> {
  return async () => {
    const resolved = (await (typeof configured === 'function' ? configured() : configured)) as
      | Record<string, string | undefined>
      | undefined;
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(resolved ?? {}))
      if (value !== undefined) clean[name.toLowerCase()] = value;
    return clean;
  };
}
