import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { costOfUsage } from '../cost/usage-cost.js';
import type { RouteMember } from '../options/resolved-options.js';
import type { Strategy } from './strategy.js';

/** Output tokens assumed for a call that sets no `maxOutputTokens`, to weigh output prices. */
export const EXPECTED_OUTPUT_TOKENS = 256;

/**
 * Cheapest first: each target's price for this call's estimated input tokens plus its
 * `maxOutputTokens` (or 256). Targets with no known price follow, then nested routes, both in
 * their listed order; equal prices keep the listed order. The capability filter after ordering
 * makes the first candidate the cheapest target that can take the call.
 */
export const costStrategy: Strategy = {
  name: 'cost',
  order({ members, call, target }) {
    if (members.length < 2) return members;
    const inputTokens = call.estimatedInputTokens();
    const outputTokens =
      call.operation === 'embed' ? 0 : (call.maxOutputTokens ?? EXPECTED_OUTPUT_TOKENS);
    const usage: LanguageModelV4Usage = {
      inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
    };
    const priced: { member: RouteMember; usd: number }[] = [];
    const unpriced: RouteMember[] = [];
    const routes: RouteMember[] = [];
    for (const member of members) {
      if (member.kind === 'route') {
        routes.push(member);
        continue;
      }
      const usd = costOfUsage(target(member.id)?.price, usage);
      if (usd === undefined) unpriced.push(member);
      else priced.push({ member, usd });
    }
    priced.sort((a, b) => a.usd - b.usd);
    const ordered = priced.map((entry) => entry.member);
    for (const member of unpriced) ordered.push(member);
    for (const member of routes) ordered.push(member);
    return ordered;
  },
};
