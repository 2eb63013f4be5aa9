/** Where to look a model up in the genai-prices table. */
export interface PriceLookupKey {
  /** The table's provider id (`openai`, `aws`, `x-ai`, ...). */
  providerId: string;
  modelId: string;
}

/**
 * Our provider families (and the AI SDK's `provider` strings, such as `openai.chat` or
 * `google.vertex.chat`) by the table's provider id. Only listed names and exact table ids are
 * looked up: the table's own fuzzy provider match would price `openai-compatible` (a local
 * Ollama or vLLM server) as OpenAI.
 */
const tableIdByFamily: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['google', 'google'],
  ['gemini', 'google'],
  ['vertex', 'google'],
  ['google-vertex', 'google'],
  ['azure', 'azure'],
  ['azure-openai', 'azure'],
  ['bedrock', 'aws'],
  ['amazon-bedrock', 'aws'],
  ['aws', 'aws'],
  ['mistral', 'mistral'],
  ['groq', 'groq'],
  ['xai', 'x-ai'],
  ['x-ai', 'x-ai'],
  ['deepseek', 'deepseek'],
  ['cohere', 'cohere'],
  ['together', 'together'],
  ['togetherai', 'together'],
  ['together-ai', 'together'],
  ['fireworks', 'fireworks'],
  ['cerebras', 'cerebras'],
  ['perplexity', 'perplexity'],
  ['openrouter', 'openrouter'],
  ['moonshotai', 'moonshotai'],
  ['moonshot', 'moonshotai'],
  ['voyage', 'voyageai'],
  ['voyageai', 'voyageai'],
]);

/** Families whose model ids name the real provider: `openai/gpt-4.1-mini`. */
const gatewayFamilies: ReadonlySet<string> = new Set(['gateway', 'vercel']);

/**
 * Maps a target's provider and model to the table's ids, or undefined when the provider is not
 * one the table prices (local servers, unknown OpenAI-compatible hosts).
 */
export function priceLookupKey({
  provider,
  modelId,
}: {
  provider: string;
  modelId: string;
}): PriceLookupKey | undefined {
  const lowered = provider.trim().toLowerCase();
  const dot = lowered.indexOf('.');
  const family = dot === -1 ? lowered : lowered.slice(0, dot);
  if (gatewayFamilies.has(family)) {
    const slash = modelId.indexOf('/');
    if (slash <= 0) return undefined;
    return priceLookupKey({ provider: modelId.slice(0, slash), modelId: modelId.slice(slash + 1) });
  }
  const providerId = tableIdByFamily.get(family);
  if (providerId !== undefined) return { providerId, modelId };
  // A family we do not list may still be a table id spelled exactly (`arcee`, `novita`).
  return { providerId: family, modelId };
}
