import type { DecisionTrace } from '../trace/decision-trace.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

/**
 * A stream failed after content had reached the caller. Unless the route continues broken
 * streams (`continuation: 'prefill'`) and a target could, the router ends the stream with this
 * error part: it never hides the break.
 */
export class StreamInterruptedError extends RouterError {
  readonly route: string;
  readonly target: string;
  readonly trace: DecisionTrace;
  constructor({
    trace,
    target,
    detail,
    cause,
  }: { trace: DecisionTrace; target: string; detail: string; cause?: unknown }) {
    super({
      name: 'StreamInterruptedError',
      code: 'stream-interrupted',
      message: `The stream from target '${target}' (route '${trace.route}') broke after content was delivered: ${detail}. The partial answer is incomplete; retry the call.`,
      cause,
    });
    this.route = trace.route;
    this.target = target;
    this.trace = trace;
  }

  static override isInstance(error: unknown): error is StreamInterruptedError {
    return isRouterErrorWithCode(error, 'stream-interrupted');
  }

  override toJSON() {
    return { ...super.toJSON(), route: this.route, target: this.target, trace: this.trace };
  }
}
