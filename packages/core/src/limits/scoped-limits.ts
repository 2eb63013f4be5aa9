import type { BudgetPolicy, LimitsPolicy, RateLimits } from '../options/resolved-options.js';

export type CallScope = 'key' | 'user' | 'tenant' | 'route' | 'global';

/**
 * Limits a request-bound client adds to each of its calls: what the gateway gives a virtual key
 * from its own config. They are merged with the router's `limits` and `budgets` (the lower wins).
 */
export interface BindingLimit {
  scope: CallScope;
  /** The key name, user or tenant id, or route name; '*' for global. */
  id: string;
  rpm?: number | undefined;
  tpm?: number | undefined;
  budgets?: readonly { usd: number; per: 'day' | 'month' }[] | undefined;
}

/** The limits one scope (one key, user, tenant, route) puts on a call. */
export interface ScopedLimit {
  scope: CallScope;
  id: string;
  rpm: number | undefined;
  tpm: number | undefined;
  /** USD per period; at most one per period (the lowest configured). */
  budgets: Map<'day' | 'month', number>;
}

/**
 * The scopes a call falls under and their limits: the router's `limits.perKey/perUser/perTenant`
 * and `budgets`, applied to the key, user and tenant its metadata names, plus the binding's own.
 * A scope the metadata does not name (no user) is not limited.
 */
export function scopedLimits({
  route,
  metadata,
  policy,
  budgets,
  bound,
}: {
  route: string;
  metadata: Readonly<Record<string, string>>;
  policy: LimitsPolicy;
  budgets: readonly BudgetPolicy[];
  bound: readonly BindingLimit[] | undefined;
}): ScopedLimit[] {
  const byScope = new Map<string, ScopedLimit>();
  const entry = (scope: CallScope, id: string): ScopedLimit => {
    const name = `${scope}:${id}`;
    let limit = byScope.get(name);
    if (!limit) {
      limit = { scope, id, rpm: undefined, tpm: undefined, budgets: new Map() };
      byScope.set(name, limit);
    }
    return limit;
  };
  const { metadataKeys } = policy;
  const ids: Record<CallScope, string | undefined> = {
    key: metadata[metadataKeys.key] || undefined,
    user: metadata[metadataKeys.user] || undefined,
    tenant: metadata[metadataKeys.tenant] || undefined,
    route,
    global: '*',
  };
  const applyRates = (scope: CallScope, id: string | undefined, rates: RateLimits | undefined) => {
    if (id === undefined || !rates || (rates.rpm === undefined && rates.tpm === undefined)) return;
    const limit = entry(scope, id);
    limit.rpm = lower(limit.rpm, rates.rpm);
    limit.tpm = lower(limit.tpm, rates.tpm);
  };
  applyRates('key', ids.key, policy.perKey);
  applyRates('user', ids.user, policy.perUser);
  applyRates('tenant', ids.tenant, policy.perTenant);
  for (const budget of budgets) {
    if (budget.routes && !budget.routes.includes(route)) continue;
    const id = ids[budget.scope];
    if (id === undefined) continue;
    const limit = entry(budget.scope, id);
    limit.budgets.set(budget.per, lower(limit.budgets.get(budget.per), budget.usd) as number);
  }
  for (const extra of bound ?? []) {
    applyRates(extra.scope, extra.id, extra);
    for (const budget of extra.budgets ?? []) {
      const limit = entry(extra.scope, extra.id);
      limit.budgets.set(budget.per, lower(limit.budgets.get(budget.per), budget.usd) as number);
    }
  }
  return [...byScope.values()];
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
