import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Price, PriceTier } from '../options/resolved-options.js';

/**
 * What a call cost in USD at `price`, or undefined when the price or the usage is unknown (so a
 * trace can say "unknown" rather than a false zero).
 *
 * `inputTokens.total` includes cache reads and writes (as the AI SDK reports them), so the
 * uncached part is the total minus both; each part is billed at its own rate. A missing count
 * is 0, unless both totals are missing: then the provider reported no usage at all.
 */
export function costOfUsage(
  price: Price | undefined,
  usage: LanguageModelV4Usage | undefined,
): number | undefined {
  if (price === undefined || usage === undefined) return undefined;
  const inputTotal = usage.inputTokens.total;
  const outputTotal = usage.outputTokens.total;
  if (inputTotal === undefined && outputTotal === undefined) return undefined;
  const input = inputTotal ?? 0;
  const cacheRead = usage.inputTokens.cacheRead ?? 0;
  const cacheWrite = usage.inputTokens.cacheWrite ?? 0;
  // Clamped: a provider that reports cache reads outside the total must not earn a refund.
  const uncached = Math.max(0, input - cacheRead - cacheWrite);
  const rates = ratesFor(price, input);
  const micro =
    uncached * rates.inputUsdPerMillion +
    cacheRead * (rates.cachedInputUsdPerMillion ?? rates.inputUsdPerMillion) +
    cacheWrite * (rates.cacheWriteUsdPerMillion ?? rates.inputUsdPerMillion) +
    (outputTotal ?? 0) * rates.outputUsdPerMillion;
  return micro / 1_000_000;
}

/** What embedding `tokens` input tokens cost in USD at `price`; undefined when either is unknown. */
export function costOfEmbedding(
  price: Price | undefined,
  tokens: number | undefined,
): number | undefined {
  if (price === undefined || tokens === undefined) return undefined;
  return (tokens * ratesFor(price, tokens).inputUsdPerMillion) / 1_000_000;
}

type Rates = Omit<PriceTier, 'aboveInputTokens'>;

/** The base rates, or those of the highest long-context tier the input passed. */
function ratesFor(price: Price, inputTokens: number): Rates {
  const tiers = price.tiers;
  if (tiers === undefined) return price;
  let rates: Rates = price;
  let passed = -1;
  for (const tier of tiers) {
    if (inputTokens > tier.aboveInputTokens && tier.aboveInputTokens > passed) {
      rates = tier;
      passed = tier.aboveInputTokens;
    }
  }
  return rates;
}
