import type { DecisionTrace } from '../trace/decision-trace.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

/** Whose limit a call met: a target's provider quota, or a key, user, tenant or route limit. */
export type LimitScope = 'target' | 'key' | 'user' | 'tenant' | 'route' | 'global';

/**
 * A request or token limit (RPM/TPM) turned the call away before it reached a provider: the
 * limit of a key, user or tenant, or of every target of the route. `resetAt` says when the
 * window frees room again.
 */
export class RateLimitedError extends RouterError {
  readonly scope: LimitScope;
  /** The key, user, tenant, route or target whose limit it is. */
  readonly scopeId: string;
  readonly limit: 'rpm' | 'tpm';
  /** The configured limit per minute. */
  readonly limitValue: number;
  /** When the window frees room again, in clock ms (epoch ms with the system clock). */
  readonly resetAt: number;
  /** Milliseconds from the refusal until `resetAt`. */
  readonly retryAfterMs: number;
  readonly httpStatus = 429;
  /** The routed call's trace, when targets were skipped for their limits. */
  readonly trace: DecisionTrace | undefined;

  constructor({
    scope,
    scopeId,
    limit,
    limitValue,
    resetAt,
    now,
    route,
    trace,
  }: {
    scope: LimitScope;
    scopeId: string;
    limit: 'rpm' | 'tpm';
    limitValue: number;
    resetAt: number;
    now: number;
    route: string;
    trace?: DecisionTrace;
  }) {
    const retryAfterMs = Math.max(0, resetAt - now);
    const unit = limit === 'rpm' ? 'requests' : 'tokens';
    const whose =
      scope === 'target'
        ? `every target of route '${route}' is at its`
        : `${scope} '${scopeId}' reached its`;
    super({
      name: 'RateLimitedError',
      code: 'rate-limited',
      message: `Route '${route}': ${whose} limit of ${limitValue} ${unit} a minute. Retry in ${Math.ceil(retryAfterMs / 1000)} s, or raise the ${limit} limit.`,
    });
    this.scope = scope;
    this.scopeId = scopeId;
    this.limit = limit;
    this.limitValue = limitValue;
    this.resetAt = resetAt;
    this.retryAfterMs = retryAfterMs;
    this.trace = trace;
  }

  static override isInstance(error: unknown): error is RateLimitedError {
    return isRouterErrorWithCode(error, 'rate-limited');
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      scope: this.scope,
      limit: this.limit,
      resetAt: this.resetAt,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
