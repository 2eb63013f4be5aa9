import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { ActiveAttempt } from '../attempts/active-attempt.js';
import { classifyAttemptError } from '../attempts/classify-attempt-error.js';
import { RoutedCall } from '../attempts/routed-call.js';
import type { RouterRuntime } from '../attempts/router-runtime.js';
import { callFactsOf } from '../capabilities/call-facts.js';
import { classifyError } from '../errors/classify-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { refuseCall } from '../limits/refuse-call.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import { bindingMetadata, type CallBinding, callRegion, combinedSignal } from './call-binding.js';
import { openingTrace } from './router-language-model.js';

/** One attempt of a routed call whose attempts the caller executes. */
export interface CallerAttempt {
  /** The target's id, provider family (`openai`, `anthropic`, ...) and model id. */
  targetId: string;
  provider: string;
  modelId: string;
  /** The target's AI SDK model: the caller may run the attempt through it. */
  model: LanguageModelV4 | undefined;
  /**
   * Aborts when the attempt must stop: a timeout (attempt, first chunk, deadline; idle once a
   * stream body reads), a hedge that delivered first, or the caller's own signal.
   */
  signal: AbortSignal;
}

/** What a generate attempt delivers: the caller's value and the usage its cost comes from. */
export interface CallerAttemptResult<R> {
  value: R;
  usage?: LanguageModelV4Usage | undefined;
}

/** A call's options, as the route's model would get them: the router plans from their facts. */
export interface CallerCallRequest {
  callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>;
  /** The request's signal, metadata, limits and region (as `createClient` takes them). */
  binding?: CallBinding | undefined;
}

/**
 * A stream whose attempt delivered its first content: the caller reads the rest under the
 * route's idle and deadline limits, then settles it once (`succeed`, `fail` or `cancel`).
 */
export interface CallerStreamBody {
  /** The call's trace; final once the body is settled. */
  readonly trace: DecisionTrace;
  /** Runs one read of the upstream under the idle and deadline limits (rejects when they fire). */
  read<T>(read: () => Promise<T>): Promise<T>;
  /** The stream ended cleanly: the attempt succeeds, its cost from `usage`. */
  succeed(usage: LanguageModelV4Usage | undefined): void;
  /**
   * The stream broke after content: the call ends as interrupted. Returns the error to report in
   * the stream (StreamInterruptedError with the trace), or the caller's abort reason.
   */
  fail(error: unknown, usage?: LanguageModelV4Usage | undefined): unknown;
  /** The caller went away: the upstream request is aborted and the call ends as aborted. */
  cancel(reason: unknown): void;
}

/**
 * The router's attempt loop with attempts the caller executes (e.g. the gateway relaying a
 * provider's own bytes): planning, health and breakers, retries and fail-over, timeouts,
 * limits and budgets, the retry budget, hedging, the trace, telemetry, stats and cost all stay
 * the router's. Only routes without selection, cache or stream continuation have one.
 */
export interface RoutedCallRunner {
  /** A non-stream call: resolves with the delivering attempt's value once it has settled. */
  generate<R>(
    request: CallerCallRequest,
    execute: (attempt: CallerAttempt) => PromiseLike<CallerAttemptResult<R>>,
  ): Promise<{ value: R; trace: DecisionTrace }>;
  /**
   * A stream: `execute` resolves at its first content part (a rejection before then fails over,
   * invisibly to the client). Resolves with its value, the trace so far and the body to settle.
   */
  stream<R>(
    request: CallerCallRequest,
    execute: (attempt: CallerAttempt) => PromiseLike<R>,
  ): Promise<{ value: R; trace: DecisionTrace; body: CallerStreamBody }>;
}

/** Whether a route's calls can run with caller-executed attempts. */
export function runsCallerAttempts(route: ResolvedRoute): boolean {
  return (
    route.kind === 'language' &&
    route.selection === undefined &&
    route.cache === undefined &&
    route.continuation !== 'prefill'
  );
}

export function createRoutedCallRunner(
  runtime: RouterRuntime,
  route: ResolvedRoute,
): RoutedCallRunner {
  const { clock } = runtime.options;

  async function start(operation: 'generate' | 'stream', request: CallerCallRequest) {
    const { callOptions, binding } = request;
    const signal = combinedSignal(undefined, binding);
    const facts = callFactsOf({
      operation,
      options: callOptions as LanguageModelV4CallOptions,
      metadata: bindingMetadata(binding),
    });
    facts.region = callRegion(binding, callOptions.providerOptions);
    const call = new RoutedCall(runtime, route, operation, facts, signal);
    const admitting = runtime.limits.admitCall({
      route,
      facts,
      bound: binding?.limits,
      callId: call.trace.callId,
    });
    if (runtime.options.telemetry.recordContent) call.content = callOptions.prompt;
    if (admitting)
      call.admission = await admitting.catch((error) => refuseCall(runtime, call.trace, error));
    return { call, signal };
  }

  return {
    async generate(request, execute) {
      const { call } = await start('generate', request);
      const { value, attempt } = await call.run((active) => execute(callerAttempt(active)));
      call.succeed(attempt, value.usage);
      return { value: value.value, trace: call.trace };
    },

    async stream(request, execute) {
      const calledAt = clock.now();
      const { call, signal } = await start('stream', request);
      const { value, attempt } = await call.run((active) => execute(callerAttempt(active)));
      const openedAt = clock.now();
      const ttftMs = openedAt - attempt.startedAt;
      const trace = openingTrace(call.trace, attempt, calledAt, openedAt);
      return { value, trace, body: streamBody(call, attempt, route, signal, ttftMs) };
    },
  };
}

function callerAttempt(active: ActiveAttempt): CallerAttempt {
  const { target } = active;
  return {
    targetId: target.id,
    provider: target.provider,
    modelId: target.modelId,
    model: target.languageModel,
    signal: active.controller.signal,
  };
}

function streamBody(
  call: RoutedCall,
  attempt: ActiveAttempt,
  route: ResolvedRoute,
  callerSignal: AbortSignal | undefined,
  ttftMs: number,
): CallerStreamBody {
  const idleMs =
    'idleMs' in attempt.target.timeouts ? attempt.target.timeouts.idleMs : route.timeouts.idleMs;
  const { signal } = attempt.controller;
  let settled = false;
  return {
    trace: call.trace,
    async read(read) {
      attempt.timer.startRead(idleMs, call.deadlineAt);
      try {
        return await abortable(read(), signal);
      } finally {
        attempt.timer.endRead();
      }
    },
    succeed(usage) {
      if (settled) return;
      settled = true;
      call.succeed(attempt, usage, ttftMs);
    },
    fail(error, usage) {
      const callerAborted = callerSignal?.aborted === true;
      if (settled) return callerAborted ? callerSignal?.reason : error;
      settled = true;
      const classified = classifyAttemptError(attempt, error, callerSignal);
      call.interrupt(attempt, classified, usage);
      if (callerAborted) return callerSignal?.reason;
      return new StreamInterruptedError({
        trace: call.trace,
        target: attempt.target.id,
        detail: classified.message,
        cause: error,
      });
    },
    cancel(reason) {
      attempt.timer.clear();
      attempt.controller.abort(reason);
      if (settled) return;
      settled = true;
      call.interrupt(attempt, classifyError(reason, { callerAborted: true }));
    },
  };
}

/** `promise`, or a rejection with the signal's reason once it aborts (whichever is first). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
