import type { DecisionTrace } from '../trace/decision-trace.js';
import type { ErrorReason } from './error-class.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

const advice: Partial<Record<ErrorReason, string>> = {
  unauthorized: "check the target's API key",
  forbidden: "check the key's permissions for this model",
  'not-found': "check the target's model id",
  'bad-request': 'fix the request (the trace has the provider message)',
};

/**
 * A caller error (400 invalid request, 401/403 bad key, 404 unknown model): retrying or failing
 * over would not help, so the router stops at once.
 */
export class RequestRejectedError extends RouterError {
  readonly route: string;
  readonly target: string;
  readonly status: number | undefined;
  readonly reason: ErrorReason;
  readonly trace: DecisionTrace;

  constructor({
    trace,
    target,
    status,
    reason,
    cause,
  }: {
    trace: DecisionTrace;
    target: string;
    status: number | undefined;
    reason: ErrorReason;
    cause: unknown;
  }) {
    super({
      name: 'RequestRejectedError',
      code: 'request-rejected',
      message: `Target '${target}' of route '${trace.route}' rejected the call (${status ?? ''} ${reason}); it was not retried: ${advice[reason] ?? 'fix the request'}.`,
      cause,
    });
    this.route = trace.route;
    this.target = target;
    this.status = status;
    this.reason = reason;
    this.trace = trace;
  }

  static override isInstance(error: unknown): error is RequestRejectedError {
    return isRouterErrorWithCode(error, 'request-rejected');
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      route: this.route,
      target: this.target,
      status: this.status,
      trace: this.trace,
    };
  }
}
