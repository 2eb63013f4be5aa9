import type { Router } from '../create-router.js';
import type { TargetHeadroom } from '../limits/router-limits.js';
import type { DecisionTrace } from '../trace/decision-trace.js';

/** One target's row on the status page. */
export interface StatusTarget {
  id: string;
  provider: string;
  model: string;
  region: string | undefined;
  /** `cooling-down`: the breaker is closed but a rate limit keeps the target aside. */
  state: 'closed' | 'open' | 'half-open' | 'cooling-down';
  openUntil: number | undefined;
  coolUntil: number | undefined;
  consecutiveFailures: number;
  trips: number;
  inFlight: number;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
  attempts: number;
  successes: number;
  failures: number;
  errors: Record<string, number>;
  costUsd: number;
  /** RPM/TPM headroom in the current window; empty when the target sets no limits. */
  limits: TargetHeadroom;
}

/** One route's row: counters, plus the strategy and targets seen in its latest decision. */
export interface StatusRoute {
  name: string;
  strategy: string | undefined;
  targets: string[];
  calls: number;
  successes: number;
  failures: number;
  costUsd: number;
}

/** A decision as the page shows it: the trace without the caller's metadata. */
export type StatusDecision = Omit<DecisionTrace, 'metadata'>;

export interface StatusSnapshot {
  at: number;
  /** The store's kind, whether it shares state now, and why not when it should. */
  store: { kind: string; shared: boolean; degraded?: string };
  totals: { calls: number; successes: number; failures: number; costUsd: number };
  targets: StatusTarget[];
  routes: StatusRoute[];
  /** Newest first. */
  decisions: StatusDecision[];
}

/** The trace minus `metadata`: request metadata is the app's data, not the operator's. */
export function statusDecisionOf(trace: DecisionTrace): StatusDecision {
  const { metadata: _metadata, ...rest } = trace;
  return rest;
}

/** Keeps the newest `size` decisions and what each route looked like last. */
export function createDecisionLog(size: number) {
  const decisions: StatusDecision[] = [];
  const routeShapes = new Map<string, { strategy: string; targets: string[] }>();
  return {
    add(trace: DecisionTrace): StatusDecision {
      const decision = statusDecisionOf(trace);
      decisions.unshift(decision);
      if (decisions.length > size) decisions.length = size;
      routeShapes.set(trace.route, {
        strategy: trace.strategy,
        targets: [...new Set(trace.candidates.map((candidate) => candidate.target))],
      });
      return decision;
    },
    decisions: (): StatusDecision[] => decisions.slice(),
    routeShape: (route: string) => routeShapes.get(route),
  };
}

export type DecisionLog = ReturnType<typeof createDecisionLog>;

/** What the page renders: plain JSON, no secrets (stats and traces are scrubbed at the source). */
export function statusSnapshot(router: Router, log: DecisionLog, now: number): StatusSnapshot {
  const stats = router.stats();
  const targets: StatusTarget[] = Object.entries(stats.targets).map(([id, target]) => {
    const { health } = target;
    const cooling = health.coolUntil !== undefined && health.coolUntil > now;
    return {
      id,
      provider: target.provider,
      model: target.model,
      region: target.region,
      state: health.state === 'closed' && cooling ? 'cooling-down' : health.state,
      openUntil: health.openUntil,
      coolUntil: cooling ? health.coolUntil : undefined,
      consecutiveFailures: health.consecutiveFailures,
      trips: health.trips,
      inFlight: health.inFlight,
      latencyMs: health.latencyMs,
      ttftMs: health.ttftMs,
      attempts: target.attempts,
      successes: target.successes,
      failures: target.failures,
      errors: target.errors,
      costUsd: target.costUsd,
      limits: target.limits,
    };
  });
  const routes: StatusRoute[] = Object.entries(stats.routes).map(([name, counters]) => {
    const shape = log.routeShape(name);
    return {
      name,
      strategy: shape?.strategy,
      targets: shape?.targets ?? [],
      calls: counters.calls,
      successes: counters.successes,
      failures: counters.failures,
      costUsd: counters.costUsd,
    };
  });
  const { calls, successes, failures, costUsd } = stats.totals;
  return {
    at: now,
    store: {
      kind: stats.storeStatus.kind,
      shared: stats.storeStatus.shared,
      ...(stats.storeStatus.degraded === undefined ? {} : { degraded: stats.storeStatus.degraded }),
    },
    totals: { calls, successes, failures, costUsd },
    targets,
    routes,
    decisions: log.decisions(),
  };
}
