import type { LimitScope } from './rate-limited-error.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

/**
 * A USD budget would be passed by this call: what is spent in the period, plus what calls in
 * flight have reserved, plus this call's estimated cost, is over the limit. Nothing was sent to a
 * provider. `resetAt` is when the period (a UTC day or month) ends.
 */
export class BudgetExceededError extends RouterError {
  readonly scope: Exclude<LimitScope, 'target'>;
  /** The key, user, tenant or route whose budget it is ('*' for a global budget). */
  readonly scopeId: string;
  readonly per: 'day' | 'month';
  readonly limitUsd: number;
  /** Settled spend in the period, USD. */
  readonly spentUsd: number;
  /** Reserved by calls in flight, USD. */
  readonly reservedUsd: number;
  /** What this call would have reserved, USD. */
  readonly requestedUsd: number;
  /** When the period ends, in clock ms (epoch ms with the system clock). */
  readonly resetAt: number;
  /** Milliseconds from the refusal until `resetAt`. */
  readonly retryAfterMs: number;
  readonly httpStatus = 429;

  constructor({
    scope,
    scopeId,
    per,
    limitUsd,
    spentUsd,
    reservedUsd,
    requestedUsd,
    resetAt,
    now,
    route,
  }: {
    scope: Exclude<LimitScope, 'target'>;
    scopeId: string;
    per: 'day' | 'month';
    limitUsd: number;
    spentUsd: number;
    reservedUsd: number;
    requestedUsd: number;
    resetAt: number;
    now: number;
    route: string;
  }) {
    const retryAfterMs = Math.max(0, resetAt - now);
    const whose = scope === 'global' ? 'the global' : `${scope} '${scopeId}''s`;
    super({
      name: 'BudgetExceededError',
      code: 'budget-exceeded',
      message: `Route '${route}': ${whose} budget of $${limitUsd} a ${per} is used up ($${usd(spentUsd)} spent, $${usd(reservedUsd)} reserved by calls in flight, this call needs up to $${usd(requestedUsd)}). It resets at ${new Date(resetAt).toISOString()}; raise the budget or lower maxOutputTokens.`,
    });
    this.scope = scope;
    this.scopeId = scopeId;
    this.per = per;
    this.limitUsd = limitUsd;
    this.spentUsd = spentUsd;
    this.reservedUsd = reservedUsd;
    this.requestedUsd = requestedUsd;
    this.resetAt = resetAt;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return isRouterErrorWithCode(error, 'budget-exceeded');
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      scope: this.scope,
      per: this.per,
      limitUsd: this.limitUsd,
      resetAt: this.resetAt,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

function usd(amount: number): string {
  return amount
    .toFixed(amount < 0.01 ? 6 : 4)
    .replace(/0+$/, '')
    .replace(/\.$/, '');
}
