import type { CallFacts } from '../capabilities/call-facts.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import type {
  ResolvedOptions,
  ResolvedRoute,
  ResolvedTarget,
} from '../options/resolved-options.js';
import type { CandidateSkip, DecisionTrace } from '../trace/decision-trace.js';
import { budgetKey, windowKey } from './limit-keys.js';
import { reservationUsd } from './reservation-estimate.js';
import { type BindingLimit, type ScopedLimit, scopedLimits } from './scoped-limits.js';
import { periodEndsAt } from './utc-period.js';

const healthSkips = new Set<CandidateSkip['code']>([
  'breaker-open',
  'cooling-down',
  'half-open-busy',
]);

/** RPM and TPM are fixed one-minute windows. */
export const limitWindowMs = 60_000;

/** One window's last known state, for `router.stats()`. */
export interface LimitHeadroom {
  limit: number;
  used: number;
  /** What the window still admits. */
  remaining: number;
  /** When the window starts again, in clock ms. */
  resetAt: number;
}

export interface TargetHeadroom {
  rpm?: LimitHeadroom;
  tpm?: LimitHeadroom;
}

/** What a call reserved and must settle once it ends. */
export interface CallAdmission {
  reservationId: string;
  scopes: readonly ScopedLimit[];
  /** Budget key -> the period end the reservation was made for. */
  reservations: { key: string; periodEndsAt: number }[];
}

/**
 * Limits and budgets over the router's store: per-target RPM/TPM (a target at its quota is
 * skipped, not tried), per-scope RPM/TPM and USD budgets (a call over one is refused before it
 * starts). The store does the counting, atomically, so several instances share the limits.
 */
export function createRouterLimits(options: ResolvedOptions) {
  const { store, clock } = options;
  const headroom = new Map<string, { rpm?: LimitHeadroom; tpm?: LimitHeadroom }>();
  const anyTargetTpm = [...options.targets.values()].some(
    (target) => target.limits?.tpm !== undefined,
  );
  const anyScopeLimits =
    options.budgets.length > 0 ||
    hasRates(options.limits.perKey) ||
    hasRates(options.limits.perUser) ||
    hasRates(options.limits.perTenant);

  function remember(
    targetId: string,
    kind: 'rpm' | 'tpm',
    limit: number,
    used: number,
    resetAt: number,
  ) {
    let entry = headroom.get(targetId);
    if (!entry) {
      entry = {};
      headroom.set(targetId, entry);
    }
    entry[kind] = { limit, used, remaining: Math.max(0, limit - used), resetAt };
  }

  async function checkTarget(
    target: ResolvedTarget,
    limits: NonNullable<ResolvedTarget['limits']>,
    facts: CallFacts,
    now: number,
  ): Promise<CandidateSkip | undefined> {
    if (limits.tpm !== undefined) {
      const window = await safely(
        store.consumeWindow(
          windowKey('tpm', 'target', target.id),
          0,
          limits.tpm,
          limitWindowMs,
          now,
        ),
      );
      if (window) {
        remember(target.id, 'tpm', limits.tpm, window.used, window.resetAt);
        if (window.used > 0 && window.used + tokensNeeded(facts) > limits.tpm) {
          return {
            code: 'tpm-limit',
            message: `at its limit of ${limits.tpm} tokens a minute (${window.used} used); the window resets in ${seconds(window.resetAt - now)} s`,
            until: window.resetAt,
          };
        }
      }
    }
    if (limits.rpm !== undefined) {
      const window = await safely(
        store.consumeWindow(
          windowKey('rpm', 'target', target.id),
          1,
          limits.rpm,
          limitWindowMs,
          now,
        ),
      );
      if (window) {
        remember(target.id, 'rpm', limits.rpm, window.used, window.resetAt);
        if (!window.admitted) {
          return {
            code: 'rpm-limit',
            message: `at its limit of ${limits.rpm} requests a minute; the window resets in ${seconds(window.resetAt - now)} s`,
            until: window.resetAt,
          };
        }
      }
    }
    return undefined;
  }

  return {
    /**
     * Whether a target has room for this call; counts the request when it has. Undefined, at no
     * cost, for a target with no limits; otherwise a promise of the skip (undefined: go ahead).
     */
    checkTarget(
      target: ResolvedTarget,
      facts: CallFacts,
      now: number,
    ): Promise<CandidateSkip | undefined> | undefined {
      return target.limits ? checkTarget(target, target.limits, facts, now) : undefined;
    },

    /** When no attempt was made because every candidate was at a limit: the error to throw. */
    allLimited(trace: DecisionTrace, now: number): RateLimitedError | undefined {
      if (trace.attempts.length > 0) return undefined;
      let soonest: { target: string; skip: CandidateSkip } | undefined;
      for (const candidate of trace.candidates) {
        const skip = candidate.skipped;
        if (!skip) continue;
        if (skip.code !== 'rpm-limit' && skip.code !== 'tpm-limit') {
          // An unhealthy candidate makes it a fail-over failure; a capability skip is no limit.
          if (healthSkips.has(skip.code)) return undefined;
          continue;
        }
        if (!soonest || (skip.until ?? 0) < (soonest.skip.until ?? 0))
          soonest = { target: candidate.target, skip };
      }
      if (!soonest) return undefined;
      const limit = soonest.skip.code === 'rpm-limit' ? 'rpm' : 'tpm';
      const limitValue = options.targets.get(soonest.target)?.limits?.[limit] ?? 0;
      return new RateLimitedError({
        scope: 'target',
        scopeId: soonest.target,
        limit,
        limitValue,
        resetAt: soonest.skip.until ?? now,
        now,
        route: trace.route,
        trace,
      });
    },

    /**
     * Admits a call under its key, user, tenant, route and binding limits: counts the request,
     * checks the token windows and reserves the estimated cost against each budget. Rejects with
     * `RateLimitedError` or `BudgetExceededError` (releasing what it reserved) when one is full.
     * Undefined, with no promise made, when no limit applies to the call.
     */
    admitCall({
      route,
      facts,
      bound,
      callId,
    }: {
      route: ResolvedRoute;
      facts: CallFacts;
      bound: readonly BindingLimit[] | undefined;
      callId: string;
    }): Promise<CallAdmission> | undefined {
      if (!anyScopeLimits && (bound === undefined || bound.length === 0)) return undefined;
      const scopes = scopedLimits({
        route: route.name,
        metadata: facts.metadata,
        policy: options.limits,
        budgets: options.budgets,
        bound,
      });
      if (scopes.length === 0) return undefined;
      return admit(route, facts, scopes, callId);
    },

    /**
     * A call has ended: its real tokens go into the target and scope token windows, and its real
     * cost replaces its budget reservations. The store calls run in the background.
     */
    callEnded(trace: DecisionTrace, admission: CallAdmission | undefined): void {
      // No token window to add to and nothing reserved: the common case does no work at all.
      if (!anyTargetTpm && !admission) return;
      const now = clock.now();
      for (const attempt of trace.attempts) {
        const limits = options.targets.get(attempt.target)?.limits;
        const tokens = tokensOf(attempt.usage);
        if (limits?.tpm === undefined || tokens === 0) continue;
        const key = windowKey('tpm', 'target', attempt.target);
        store.addToWindow(key, tokens, limitWindowMs, now).catch(() => {});
        const seen = headroom.get(attempt.target)?.tpm;
        if (seen && seen.resetAt > now)
          remember(attempt.target, 'tpm', seen.limit, seen.used + tokens, seen.resetAt);
      }
      if (!admission) return;
      const tokens = tokensOf(trace.usage);
      if (tokens > 0) {
        for (const scope of admission.scopes) {
          if (scope.tpm === undefined) continue;
          store
            .addToWindow(windowKey('tpm', scope.scope, scope.id), tokens, limitWindowMs, now)
            .catch(() => {});
        }
      }
      const costUsd = trace.costUsd ?? 0;
      for (const reservation of admission.reservations) {
        store
          .settleBudget(reservation.key, admission.reservationId, costUsd, reservation.periodEndsAt)
          .catch(() => {});
      }
    },

    /** The last known RPM/TPM windows of a target (empty when it has no limits). */
    headroom(targetId: string): TargetHeadroom {
      const target = options.targets.get(targetId);
      const limits = target?.limits;
      if (!limits) return {};
      const now = clock.now();
      const seen = headroom.get(targetId);
      const view = (kind: 'rpm' | 'tpm'): LimitHeadroom | undefined => {
        const limit = limits[kind];
        if (limit === undefined) return undefined;
        const window = seen?.[kind];
        if (!window || window.resetAt <= now) {
          return {
            limit,
            used: 0,
            remaining: limit,
            resetAt: (Math.floor(now / limitWindowMs) + 1) * limitWindowMs,
          };
        }
        return { ...window };
      };
      const result: TargetHeadroom = {};
      const rpm = view('rpm');
      const tpm = view('tpm');
      if (rpm) result.rpm = rpm;
      if (tpm) result.tpm = tpm;
      return result;
    },
  };

  async function admit(
    route: ResolvedRoute,
    facts: CallFacts,
    scopes: ScopedLimit[],
    callId: string,
  ): Promise<CallAdmission> {
    const now = clock.now();
    for (const scope of scopes) {
      if (scope.tpm === undefined) continue;
      const window = await safely(
        store.consumeWindow(
          windowKey('tpm', scope.scope, scope.id),
          0,
          scope.tpm,
          limitWindowMs,
          now,
        ),
      );
      if (window && window.used > 0 && window.used + tokensNeeded(facts) > scope.tpm) {
        throw new RateLimitedError({
          scope: scope.scope,
          scopeId: scope.id,
          limit: 'tpm',
          limitValue: scope.tpm,
          resetAt: window.resetAt,
          now,
          route: route.name,
        });
      }
    }
    for (const scope of scopes) {
      if (scope.rpm === undefined) continue;
      const window = await safely(
        store.consumeWindow(
          windowKey('rpm', scope.scope, scope.id),
          1,
          scope.rpm,
          limitWindowMs,
          now,
        ),
      );
      if (window && !window.admitted) {
        throw new RateLimitedError({
          scope: scope.scope,
          scopeId: scope.id,
          limit: 'rpm',
          limitValue: scope.rpm,
          resetAt: window.resetAt,
          now,
          route: route.name,
        });
      }
    }
    const admission: CallAdmission = { reservationId: callId, scopes, reservations: [] };
    let amountUsd: number | undefined;
    for (const scope of scopes) {
      for (const [per, limitUsd] of scope.budgets) {
        amountUsd ??= reservationUsd(options, route, facts);
        const key = budgetKey(scope, per);
        const endsAt = periodEndsAt(per, now);
        const result = await safely(
          store.reserveBudget(key, callId, amountUsd, limitUsd, endsAt, now),
        );
        if (!result) continue;
        if (!result.admitted) {
          release(admission);
          throw new BudgetExceededError({
            scope: scope.scope,
            scopeId: scope.id,
            per,
            limitUsd,
            spentUsd: result.spentUsd,
            reservedUsd: result.reservedUsd,
            requestedUsd: amountUsd,
            resetAt: result.resetAt,
            now,
            route: route.name,
          });
        }
        admission.reservations.push({ key, periodEndsAt: endsAt });
      }
    }
    return admission;
  }

  function release(admission: CallAdmission): void {
    for (const reservation of admission.reservations) {
      store
        .settleBudget(reservation.key, admission.reservationId, 0, reservation.periodEndsAt)
        .catch(() => {});
    }
  }
}

export type RouterLimits = ReturnType<typeof createRouterLimits>;

function hasRates(
  rates: { rpm?: number | undefined; tpm?: number | undefined } | undefined,
): boolean {
  return rates !== undefined && (rates.rpm !== undefined || rates.tpm !== undefined);
}

/** The tokens a call is expected to use: its input estimate and its output cap, when set. */
function tokensNeeded(facts: CallFacts): number {
  return facts.estimatedInputTokens() + (facts.maxOutputTokens ?? 0);
}

function tokensOf(
  usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined,
): number {
  return (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0);
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/**
 * A store must never reject (it answers from local state when its backend is away); should one
 * do so anyway, the limit is not enforced for that call rather than failing it.
 */
async function safely<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch {
    return undefined;
  }
}
