import type { TraceAttempt } from '../trace/decision-trace.js';

/** One selection step in a decision trace: which selection route chose what, and why. */
export interface SelectionStep {
  /** The selection route that decided. */
  route: string;
  kind: 'rules' | 'complexity' | 'cascade';
  /** The route or target it chose for this call. */
  chosen: string;
  /** E.g. `rule 2 matched: has tools`, `score 0.71 >= 0.4: tier 2`. */
  reason: string;
  /** rules: 1-based index of the matching rule; absent for the default. */
  rule?: number;
  /** complexity: the score and the 1-based tier. */
  score?: number;
  tier?: number;
  /** cascade: which stage this call is. */
  stage?: 'first' | 'escalated';
  /** cascade: the first route's answer was kept. */
  accepted?: boolean;
  /** cascade, stage `escalated`: the first call, summarised. */
  first?: CascadeFirstCall;
  /** cascade, stage `escalated`: first and second call together. */
  totalCostUsd?: number;
}

export interface CascadeFirstCall {
  route: string;
  callId?: string;
  outcome: string;
  target?: string;
  costUsd?: number;
  attempts: TraceAttempt[];
}
