import type { DecisionTrace } from '../trace/decision-trace.js';

/** won: the hedge's target delivered first; lost: the slow attempt's did; failed: neither. */
export function hedgeOutcome(
  hedge: NonNullable<DecisionTrace['hedge']>,
): 'won' | 'lost' | 'failed' {
  if (hedge.winner === undefined) return 'failed';
  return hedge.winner === hedge.target ? 'won' : 'lost';
}
