import type { DecisionTrace } from '../trace/decision-trace.js';
import { isRouterErrorWithCode, RouterError } from './router-error.js';

/** No target of the route can take this call (tools, images, JSON, context window). */
export class NoCapableTargetError extends RouterError {
  readonly route: string;
  readonly trace: DecisionTrace;
  constructor({ trace }: { trace: DecisionTrace }) {
    const reasons = trace.candidates.map(
      (candidate) => `${candidate.target}: ${candidate.skipped?.message ?? 'skipped'}`,
    );
    super({
      name: 'NoCapableTargetError',
      code: 'no-capable-target',
      message: `No target of route '${trace.route}' can take this call (${reasons.join('; ')}). Add a target with that capability or a larger context window, or set the target's capabilities.`,
    });
    this.route = trace.route;
    this.trace = trace;
  }

  static override isInstance(error: unknown): error is NoCapableTargetError {
    return isRouterErrorWithCode(error, 'no-capable-target');
  }

  override toJSON() {
    return { ...super.toJSON(), route: this.route, trace: this.trace };
  }
}
