import type { DecisionTrace, TraceAttempt } from '../trace/decision-trace.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

/**
 * Every attempt the route allowed has failed. Carries the attempts (target, error class,
 * status) and the earliest time a target is expected back, for a `Retry-After`.
 */
export class AllTargetsFailedError extends RouterError {
  readonly route: string;
  readonly attempts: readonly TraceAttempt[];
  readonly trace: DecisionTrace;
  /** The last upstream error (also the `cause`). */
  readonly lastError: unknown;
  /** Milliseconds until the soonest target should be usable again, when known. */
  readonly retryAfterMs: number | undefined;

  constructor({
    trace,
    lastError,
    retryAfterMs,
    deadlineExceeded = false,
    retryBudgetSpent,
  }: {
    trace: DecisionTrace;
    lastError: unknown;
    retryAfterMs: number | undefined;
    deadlineExceeded?: boolean;
    /** The retry budget stopped the call: why, in words. */
    retryBudgetSpent?: string | undefined;
  }) {
    const tried = trace.attempts
      .map((attempt) => `${attempt.target} ${attempt.status ?? attempt.reason ?? 'error'}`)
      .join(', ');
    const skipped = trace.candidates.filter((candidate) => candidate.skipped).length;
    const why = deadlineExceeded
      ? 'The call deadline passed.'
      : trace.attempts.length === 0
        ? `No target was usable (${skipped} skipped as unhealthy).`
        : `${trace.attempts.length} ${trace.attempts.length === 1 ? 'attempt' : 'attempts'} failed: ${tried}.`;
    // 0 means a target is usable now (it just failed this call): no wait worth naming.
    const wait =
      retryAfterMs !== undefined && retryAfterMs > 0
        ? ` The first target should be back in ${Math.ceil(retryAfterMs / 1000)} s.`
        : '';
    const advice = retryBudgetSpent
      ? ` It was not retried: ${retryBudgetSpent}. The budget keeps an outage from multiplying the load (options.retryBudget); the trace lists each attempt.`
      : ' Add a target on another provider to the route, or raise retry.maxAttempts; the trace lists each attempt.';
    super({
      name: 'AllTargetsFailedError',
      code: 'all-targets-failed',
      message: `Route '${trace.route}' could not answer. ${why}${wait}${advice}`,
      cause: lastError,
    });
    this.route = trace.route;
    this.attempts = trace.attempts;
    this.trace = trace;
    this.lastError = lastError;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is AllTargetsFailedError {
    return isRouterErrorWithCode(error, 'all-targets-failed');
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      route: this.route,
      retryAfterMs: this.retryAfterMs,
      trace: this.trace,
    };
  }
}
