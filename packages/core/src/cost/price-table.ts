import { calcPrice, type PriceCalculation } from '@pydantic/genai-prices';
import type { Price } from '../options/resolved-options.js';
import { priceFromTable } from './price-from-table.js';
import { priceLookupKey } from './price-lookup-key.js';

const memo = new Map<string, Price | undefined>();

/**
 * The list price of a model from `@pydantic/genai-prices`, or undefined when the table does not
 * know the provider or the model.
 *
 * The table ships inside the package, which has no network code of its own: newer data only
 * arrives if the app plugs a loader into the package's `updatePrices()`, which modelmux never
 * does. Results are memoised (and frozen, since targets share them) per (provider, modelId) for
 * the life of the process, so a dated price change in the table takes effect at the next start.
 */
export function defaultPrice({
  provider,
  modelId,
}: {
  provider: string;
  modelId: string;
}): Price | undefined {
  const memoKey = `${provider}\u0000${modelId}`;
  if (memo.has(memoKey)) return memo.get(memoKey);
  const price = lookUp(provider, modelId);
  if (price !== undefined) deepFreeze(price);
  memo.set(memoKey, price);
  return price;
}

function deepFreeze(price: Price): void {
  for (const tier of price.tiers ?? []) Object.freeze(tier);
  Object.freeze(price.tiers);
  Object.freeze(price);
}

function lookUp(provider: string, modelId: string): Price | undefined {
  const key = priceLookupKey({ provider, modelId });
  if (key === undefined) return undefined;
  const now = new Date();
  const found = calculate(key.providerId, key.modelId, now);
  // The table matches providers loosely (`contains: "openai"`); only an exact id is ours.
  if (found === undefined || found.provider.id !== key.providerId) return undefined;
  const prices = [priceFromTable(found.model_price)];
  // Time-of-day discounts (DeepSeek's off-peak hours) would make the price depend on when the
  // process started; price every window of today and keep the peak, so budgets err high.
  for (const at of timeOfDayWindowStarts(found, now)) {
    const windowed = calculate(key.providerId, key.modelId, at);
    if (windowed !== undefined) prices.push(priceFromTable(windowed.model_price));
  }
  return peak(prices);
}

function calculate(providerId: string, modelId: string, at: Date): PriceCalculation | undefined {
  try {
    return calcPrice({ input_tokens: 0 }, modelId, { providerId, timestamp: at }) ?? undefined;
  } catch {
    // A malformed table entry throws at pricing time; no price beats a failed start-up.
    return undefined;
  }
}

function timeOfDayWindowStarts(found: PriceCalculation, now: Date): Date[] {
  const { prices } = found.model;
  if (!Array.isArray(prices)) return [];
  const today = now.toISOString().slice(0, 10);
  const starts: Date[] = [];
  for (const conditional of prices) {
    const constraint = conditional.constraint;
    if (constraint?.type !== 'time_of_date') continue;
    const at = new Date(`${today}T${constraint.start_time}`);
    if (!Number.isNaN(at.getTime())) starts.push(at);
  }
  return starts;
}

function peak(prices: readonly (Price | undefined)[]): Price | undefined {
  let highest: Price | undefined;
  for (const price of prices) {
    if (price === undefined) continue;
    if (highest === undefined || price.inputUsdPerMillion > highest.inputUsdPerMillion) {
      highest = price;
    }
  }
  return highest;
}
