import type { HealthRegistry } from '../health/health-registry.js';
import type { RouterLimits } from '../limits/router-limits.js';
import type { ResolvedOptions, ResolvedRoute } from '../options/resolved-options.js';
import type { RouterStats } from '../stats/router-stats.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import type { RouterEvents } from '../trace/router-events.js';
import type { RetryBudget } from './retry-budget.js';

/** What every routed call shares: the parsed options and the router's live state. */
export interface RouterRuntime {
  options: ResolvedOptions;
  health: HealthRegistry;
  events: RouterEvents;
  stats: RouterStats;
  limits: RouterLimits;
  nextCallId(): string;
  /** The retry budget a route's calls spend, if it has one. */
  retryBudget(route: ResolvedRoute): RetryBudget | undefined;
  /** A call has ended: emit its decision and run the hook. */
  decided(trace: DecisionTrace): void;
}
