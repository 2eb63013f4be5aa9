import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
  SharedV4ProviderMetadata,
} from '@ai-sdk/provider';
import type { ActiveAttempt } from '../attempts/active-attempt.js';
import { RoutedCall } from '../attempts/routed-call.js';
import type { RouterRuntime } from '../attempts/router-runtime.js';
import { streamBody } from '../attempts/stream-body.js';
import { createStreamResumer } from '../attempts/stream-continuation.js';
import { openStream } from '../attempts/stream-opening.js';
import { traceMetadata, withTrace } from '../attempts/trace-metadata.js';
import { routeCache } from '../cache/response-cache.js';
import { callFactsOf } from '../capabilities/call-facts.js';
import { refuseCall } from '../limits/refuse-call.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import { createSelectingLanguageModel } from '../selection/selecting-language-model.js';
import type { SelectionStep } from '../selection/selection-trace.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import { bindingMetadata, type CallBinding, callRegion, combinedSignal } from './call-binding.js';

/**
 * The LanguageModelV4 adapters hand out: `router.model('smart')`. Its modelId is the route.
 * `supportedUrls` is empty so the AI SDK downloads URLs itself and any target can take the call.
 */
export function createRouterLanguageModel(
  runtime: RouterRuntime,
  route: ResolvedRoute,
  binding?: CallBinding,
  selection?: SelectionStep[],
): LanguageModelV4 {
  if (route.selection) {
    const modelFor = (next: ResolvedRoute, steps: SelectionStep[]) =>
      createRouterLanguageModel(runtime, next, binding, steps);
    return createSelectingLanguageModel({
      runtime,
      route,
      binding,
      steps: selection ?? [],
      modelFor,
    });
  }
  const metadata = bindingMetadata(binding);
  const { clock } = runtime.options;
  const now = () => clock.now();

  /**
   * A call the cache did not answer: its facts, its trace and its admission (limits and budgets).
   * The admission is handed back unawaited: with no limit on the call there is none to wait for.
   */
  function startCall(
    operation: 'generate' | 'stream',
    options: LanguageModelV4CallOptions,
    signal: AbortSignal | undefined,
    cached: boolean,
  ) {
    const facts = callFactsOf({ operation, options, metadata });
    facts.region = callRegion(binding, options.providerOptions);
    const call = new RoutedCall(runtime, route, operation, facts, signal);
    if (cached) call.trace.cache = 'miss';
    const admitting = runtime.limits.admitCall({
      route,
      facts,
      bound: binding?.limits,
      callId: call.trace.callId,
    });
    if (selection) call.trace.selection = selection;
    if (runtime.options.telemetry.recordContent) call.content = options.prompt;
    return { call, admitting };
  }

  return {
    specificationVersion: 'v4',
    provider: 'modelmux',
    modelId: route.name,
    supportedUrls: {},

    async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
      const signal = combinedSignal(options.abortSignal, binding);
      const cache = routeCache({ runtime, route, operation: 'generate', options, metadata });
      const hit = cache && (await cache.generateHit());
      if (hit) return hit;
      const { call, admitting } = startCall('generate', options, signal, cache !== undefined);
      if (admitting)
        call.admission = await admitting.catch((error) => refuseCall(runtime, call.trace, error));
      // Not async: `run` awaits the result and catches a throw either way.
      const { value, attempt } = await call.run((active) => {
        const model = active.target.languageModel;
        if (!model) throw new Error(`target '${active.target.id}' has no language model`);
        return model.doGenerate({ ...options, abortSignal: active.controller.signal });
      });
      call.succeed(attempt, value.usage);
      cache?.storeGenerate(value, call.trace);
      return { ...value, providerMetadata: withTrace(value.providerMetadata, call.trace) };
    },

    async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
      const calledAt = now();
      const signal = combinedSignal(options.abortSignal, binding);
      const cache = routeCache({ runtime, route, operation: 'stream', options, metadata });
      const hit = cache && (await cache.streamHit());
      if (hit) return hit;
      const { call, admitting } = startCall('stream', options, signal, cache !== undefined);
      if (admitting)
        call.admission = await admitting.catch((error) => refuseCall(runtime, call.trace, error));
      // Resolves only once the first content part has arrived: until then fail-over is
      // invisible to the caller, and the AI SDK's retry never sees a routed failure.
      const { value: opening, attempt } = await call.run((active) =>
        openStream(active, options, now),
      );
      const resume =
        route.continuation === 'prefill'
          ? createStreamResumer({ options, now, router: runtime })
          : undefined;
      const body = streamBody({ call, attempt, opening, route, callerSignal: signal, resume });
      const stream = cache ? cache.recordStream(body, call.trace) : body;
      const openedAt = now();
      const result = new OpenedStream(stream, () =>
        openingTrace(call.trace, attempt, calledAt, openedAt),
      );
      if (opening.result.request) result.request = opening.result.request;
      if (opening.result.response) result.response = opening.result.response;
      return result;
    },
  };
}

/**
 * A routed stream result. `providerMetadata` is not part of the spec's stream result: it is the
 * trace as the stream opened, for callers that act before the stream ends (the gateway's
 * response headers); the finish part carries the final trace. It is a getter on the prototype,
 * so it is copied only when read, and the AI SDK's `{ ...result }` never reads it.
 */
class OpenedStream implements LanguageModelV4StreamResult {
  declare request?: LanguageModelV4StreamResult['request'];
  declare response?: LanguageModelV4StreamResult['response'];
  #opened: SharedV4ProviderMetadata | undefined;
  readonly #snapshot: () => DecisionTrace;

  constructor(
    readonly stream: LanguageModelV4StreamResult['stream'],
    snapshot: () => DecisionTrace,
  ) {
    this.#snapshot = snapshot;
  }

  get providerMetadata(): SharedV4ProviderMetadata {
    this.#opened ??= traceMetadata(this.#snapshot());
    return this.#opened;
  }
}

/**
 * A copy of the trace as the stream opens: the attempts so far, the running one timed up to its
 * first content part, and the target that is streaming.
 */
export function openingTrace(
  trace: DecisionTrace,
  running: ActiveAttempt,
  calledAt: number,
  openedAt: number,
): DecisionTrace {
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    ...trace,
    outcome: 'success',
    target: running.target.id,
    durationMs: round(openedAt - calledAt),
    candidates: trace.candidates.map((candidate) => ({ ...candidate })),
    attempts: trace.attempts.map((entry) =>
      entry === running.record
        ? { ...entry, durationMs: round(openedAt - running.startedAt) }
        : { ...entry },
    ),
  };
}
