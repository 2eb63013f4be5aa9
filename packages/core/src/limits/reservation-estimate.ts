import type { CallFacts } from '../capabilities/call-facts.js';
import type { Price, ResolvedOptions, ResolvedRoute } from '../options/resolved-options.js';

const highestPrices = new WeakMap<ResolvedRoute, { input: number; output: number }>();

/**
 * What a call may cost at most, in USD, before it is known which target answers: its estimated
 * input tokens and its `maxOutputTokens` (or `reserveOutputTokens`) at the highest input and
 * output prices among the targets the route can reach (base rates: a long-context tier may
 * cost more, by at most what is in flight). Targets with no known price count as free.
 */
export function reservationUsd(
  options: ResolvedOptions,
  route: ResolvedRoute,
  facts: CallFacts,
): number {
  let prices = highestPrices.get(route);
  if (!prices) {
    prices = { input: 0, output: 0 };
    for (const price of reachablePrices(options, route, new Set())) {
      prices.input = Math.max(prices.input, price.inputUsdPerMillion);
      prices.output = Math.max(prices.output, price.outputUsdPerMillion);
    }
    highestPrices.set(route, prices);
  }
  if (prices.input === 0 && prices.output === 0) return 0;
  const outputTokens =
    facts.operation === 'embed' ? 0 : (facts.maxOutputTokens ?? options.limits.reserveOutputTokens);
  return (facts.estimatedInputTokens() * prices.input + outputTokens * prices.output) / 1_000_000;
}

function* reachablePrices(
  options: ResolvedOptions,
  route: ResolvedRoute,
  seen: Set<string>,
): Generator<Price> {
  if (seen.has(route.name)) return;
  seen.add(route.name);
  for (const member of route.members) {
    if (member.kind === 'target') {
      const price = options.targets.get(member.id)?.price;
      if (price) yield price;
    } else {
      const nested = options.routes.get(member.id);
      if (nested) yield* reachablePrices(options, nested, seen);
    }
  }
}
