import type { HealthRegistry } from '../health/health-registry.js';
import type { RouterLimits } from '../limits/router-limits.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { RouterStats } from '../stats/router-stats.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import type { RouterEvents } from '../trace/router-events.js';

/** What every routed call shares: the parsed options and the router's live state. */
export interface RouterRuntime {
  options: ResolvedOptions;
  health: HealthRegistry;
  events: RouterEvents;
  stats: RouterStats;
  limits: RouterLimits;
  nextCallId(): string;
  /** A call has ended: emit its decision and run the hook. */
  decided(trace: DecisionTrace): void;
}
