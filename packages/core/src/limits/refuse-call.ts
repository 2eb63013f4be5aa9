import type { RouterRuntime } from '../attempts/router-runtime.js';
import type { DecisionTrace } from '../trace/decision-trace.js';

/**
 * A call its limits or budgets refused before routing: it still counts in the stats and emits
 * its decision (outcome 'rejected', no candidates, no attempts), so refusals are visible.
 */
export function refuseCall(runtime: RouterRuntime, trace: DecisionTrace, error: unknown): never {
  trace.outcome = 'rejected';
  trace.durationMs = 0;
  runtime.stats.callEnded(trace);
  runtime.decided(trace);
  throw error;
}
