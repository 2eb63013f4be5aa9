import type { ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import type { Price, PriceTier } from '../options/resolved-options.js';

type TableRate = number | TieredPrices | undefined;

/**
 * Converts one genai-prices rate card (`input_mtok`, `output_mtok`, `cache_read_mtok`,
 * `cache_write_mtok`, each a number or `{ base, tiers }`) into our `Price`. Undefined when the
 * model is not priced per input token (image, audio and per-request models).
 *
 * Left out on purpose: audio/image/video token rates, Anthropic's one-hour cache writes
 * (`cache_write_1h_mtok`; usage does not say which cache a write went to, so the five-minute
 * rate is used) and per-request or per-search fees.
 */
export function priceFromTable(rates: ModelPrice): Price | undefined {
  const input = rates.input_mtok;
  const output = rates.output_mtok;
  const cacheRead = rates.cache_read_mtok;
  const cacheWrite = rates.cache_write_mtok;
  if (input === undefined) return undefined;
  const price: Price = {
    inputUsdPerMillion: baseOf(input),
    // An embedding model has no output rate: it produces no tokens.
    outputUsdPerMillion: output === undefined ? 0 : baseOf(output),
  };
  if (cacheRead !== undefined) price.cachedInputUsdPerMillion = baseOf(cacheRead);
  if (cacheWrite !== undefined) price.cacheWriteUsdPerMillion = baseOf(cacheWrite);
  const tiers = tiersOf([input, output, cacheRead, cacheWrite]);
  if (tiers.length > 0) {
    price.tiers = tiers.map((aboveInputTokens) => {
      const tier: PriceTier = {
        aboveInputTokens,
        inputUsdPerMillion: rateAbove(input, aboveInputTokens),
        outputUsdPerMillion: output === undefined ? 0 : rateAbove(output, aboveInputTokens),
      };
      if (cacheRead !== undefined) {
        tier.cachedInputUsdPerMillion = rateAbove(cacheRead, aboveInputTokens);
      }
      if (cacheWrite !== undefined) {
        tier.cacheWriteUsdPerMillion = rateAbove(cacheWrite, aboveInputTokens);
      }
      return tier;
    });
  }
  return price;
}

function baseOf(rate: number | TieredPrices): number {
  return typeof rate === 'number' ? rate : rate.base;
}

/** Every threshold any of the rates changes at, ascending. */
function tiersOf(rates: readonly TableRate[]): number[] {
  const starts = new Set<number>();
  for (const rate of rates) {
    if (rate === undefined || typeof rate === 'number') continue;
    for (const tier of rate.tiers) starts.add(tier.start);
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * The rate the table applies once input exceeds `threshold`: its highest tier starting at or
 * below it (genai-prices bills a call at a tier when input tokens > the tier's start).
 */
function rateAbove(rate: number | TieredPrices, threshold: number): number {
  if (typeof rate === 'number') return rate;
  let applied = rate.base;
  let appliedStart = -1;
  // Not assuming order: the bundled data reaches us as plain objects, unsorted in principle.
  for (const tier of rate.tiers) {
    if (tier.start <= threshold && tier.start > appliedStart) {
      applied = tier.price;
      appliedStart = tier.start;
    }
  }
  return applied;
}
