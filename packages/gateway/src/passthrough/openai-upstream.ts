import type { LanguageModelV4 } from '@ai-sdk/provider';

/** Where a target's OpenAI chat requests go: the URL and the headers its provider sends. */
export interface OpenAIUpstream {
  url: URL;
  /** The provider's own headers (its key among them): they go to the upstream and nowhere else. */
  headers: () => Promise<Record<string, string>>;
}

/** What `@ai-sdk/openai`'s chat model keeps in its `config` (not part of its typed API). */
interface OpenAIChatConfig {
  provider?: unknown;
  url?: unknown;
  headers?: unknown;
  fetch?: unknown;
}

const upstreams = new WeakMap<object, OpenAIUpstream | null>();

/**
 * The upstream of a target whose model is `@ai-sdk/openai`'s chat model (`openai.chat(id)`), read
 * once from the model's own settings: the URL its provider posts to and its headers. Undefined
 * for any other model (another protocol, a wrapped or hand-made model, or one with its own
 * `fetch`, which the gateway could not honour): those keep the AI SDK path.
 */
export function openAIUpstreamOf(model: LanguageModelV4 | undefined): OpenAIUpstream | undefined {
  if (model === undefined) return undefined;
  let upstream = upstreams.get(model);
  if (upstream === undefined) {
    upstream = readUpstream(model) ?? null;
    upstreams.set(model, upstream);
  }
  return upstream ?? undefined;
}

function readUpstream(model: LanguageModelV4): OpenAIUpstream | undefined {
  if (model.specificationVersion !== 'v4' || model.constructor.name !== 'OpenAIChatLanguageModel')
    return undefined;
  const config = (model as unknown as { config?: OpenAIChatConfig }).config;
  if (config === undefined || config.fetch !== undefined) return undefined;
  if (typeof config.url !== 'function') return undefined;
  if (typeof config.provider !== 'string' || !config.provider.endsWith('.chat')) return undefined;
  let url: URL;
  try {
    url = new URL(
      (config.url as (options: { path: string; modelId: string }) => string)({
        path: '/chat/completions',
        modelId: model.modelId,
      }),
    );
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const configured = config.headers;
  const headers = async (): Promise<Record<string, string>> => {
    const resolved = (await (typeof configured === 'function' ? configured() : configured)) as
      | Record<string, string | undefined>
      | undefined;
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(resolved ?? {}))
      if (value !== undefined) clean[name.toLowerCase()] = value;
    return clean;
  };
  return { url, headers };
}
