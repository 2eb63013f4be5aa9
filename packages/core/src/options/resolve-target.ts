import { defaultPrice } from '../cost/price-table.js';
import { toEmbeddingModelV4, toLanguageModelV4 } from './model-input.js';
import { providerFamily } from './provider-family.js';
import type { ResolvedTarget, Timeouts } from './resolved-options.js';
import type { ParsedTarget } from './router-options-schema.js';

/** A target the schema and the cross-checks have accepted, ready for the router. */
export function resolveTarget(target: ParsedTarget): ResolvedTarget {
  const languageModel = target.model ? toLanguageModelV4(target.model) : undefined;
  const embeddingModel = target.embeddingModel
    ? toEmbeddingModelV4(target.embeddingModel)
    : undefined;
  const model = (languageModel ?? embeddingModel) as { provider: string; modelId: string };
  const provider = target.provider ?? providerFamily(model.provider);
  const tablePrice = target.price ? undefined : defaultPrice({ provider, modelId: model.modelId });
  return {
    id: target.id,
    kind: languageModel ? 'language' : 'embedding',
    languageModel,
    embeddingModel,
    provider,
    modelId: model.modelId,
    region: target.region,
    price: target.price ?? tablePrice,
    priceSource: target.price ? 'options' : tablePrice ? 'table' : 'unknown',
    contextWindow: target.contextWindow,
    capabilities: {
      ...target.capabilities,
      // Anthropic continues a trailing assistant message; OpenAI and Gemini answer anew.
      prefill: target.capabilities.prefill ?? provider === 'anthropic',
    },
    weight: target.weight,
    limits:
      target.limits?.rpm !== undefined || target.limits?.tpm !== undefined
        ? target.limits
        : undefined,
    timeouts: targetTimeouts(target),
  };
}

/**
 * Only the limits the target sets. A key present with `undefined` means "no limit for this
 * target" (the user wrote Infinity); an absent key means "the route's".
 */
function targetTimeouts(target: ParsedTarget): Partial<Timeouts> {
  const timeouts: Partial<Timeouts> = {};
  if (target.timeoutMs !== undefined) timeouts.attemptMs = finiteOrNone(target.timeoutMs);
  if (target.firstChunkTimeoutMs !== undefined) {
    timeouts.firstChunkMs = finiteOrNone(target.firstChunkTimeoutMs);
  }
  if (target.idleTimeoutMs !== undefined) timeouts.idleMs = finiteOrNone(target.idleTimeoutMs);
  return timeouts;
}

/** Options say "no limit" with Infinity; resolved options with undefined. */
export function finiteOrNone(ms: number): number | undefined {
  return ms === Number.POSITIVE_INFINITY ? undefined : ms;
}
