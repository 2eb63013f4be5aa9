import type { AttemptTicket } from '../health/health-registry.js';
import type { ResolvedTarget } from '../options/resolved-options.js';
import type { TraceAttempt } from '../trace/decision-trace.js';
import type { AttemptTimer } from './attempt-timer.js';

/** An attempt that is running or has delivered; streams keep it open past `run()`. */
export interface ActiveAttempt {
  target: ResolvedTarget;
  record: TraceAttempt;
  ticket: AttemptTicket;
  controller: AbortController;
  timer: AttemptTimer;
  startedAt: number;
  detach: () => void;
  /** Settled without delivering (failed or cancelled): a hedge race may not cancel it again. */
  ended: boolean;
}

export type Execute<R> = (attempt: ActiveAttempt) => PromiseLike<R>;
