import type { DecisionTrace, TraceAttempt } from '../trace/decision-trace.js';

export interface CountersByOutcome {
  calls: number;
  successes: number;
  failures: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

export interface TargetCounters {
  attempts: number;
  successes: number;
  failures: number;
  /** Failures by error class. */
  errors: Record<string, number>;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

function targetCounters(): TargetCounters {
  return {
    attempts: 0,
    successes: 0,
    failures: 0,
    errors: {},
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
}

function routeCounters(): CountersByOutcome {
  return { calls: 0, successes: 0, failures: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 };
}

/** Running totals by route and target; cost counts every attempt that consumed tokens. */
export function createRouterStats() {
  const targets = new Map<string, TargetCounters>();
  const routes = new Map<string, CountersByOutcome>();
  return {
    attemptEnded(_route: string, attempt: TraceAttempt): void {
      let counters = targets.get(attempt.target);
      if (!counters) {
        counters = targetCounters();
        targets.set(attempt.target, counters);
      }
      counters.attempts += 1;
      if (attempt.outcome === 'success') counters.successes += 1;
      else if (attempt.outcome === 'error') {
        counters.failures += 1;
        const key = attempt.errorClass ?? 'unknown';
        counters.errors[key] = (counters.errors[key] ?? 0) + 1;
      }
      counters.costUsd += attempt.costUsd ?? 0;
      counters.inputTokens += attempt.usage?.inputTokens ?? 0;
      counters.outputTokens += attempt.usage?.outputTokens ?? 0;
    },
    callEnded(trace: DecisionTrace): void {
      let counters = routes.get(trace.route);
      if (!counters) {
        counters = routeCounters();
        routes.set(trace.route, counters);
      }
      counters.calls += 1;
      if (trace.outcome === 'success') counters.successes += 1;
      else if (trace.outcome !== 'aborted') counters.failures += 1;
      counters.costUsd += trace.costUsd ?? 0;
      counters.inputTokens += trace.usage?.inputTokens ?? 0;
      counters.outputTokens += trace.usage?.outputTokens ?? 0;
    },
    target: (id: string): TargetCounters => ({ ...(targets.get(id) ?? targetCounters()) }),
    route: (name: string): CountersByOutcome => ({ ...(routes.get(name) ?? routeCounters()) }),
  };
}

export type RouterStats = ReturnType<typeof createRouterStats>;
