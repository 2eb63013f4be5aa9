import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
} from '@ai-sdk/provider';
import { RoutedCall } from '../attempts/routed-call.js';
import type { RouterRuntime } from '../attempts/router-runtime.js';
import { withTrace } from '../attempts/trace-metadata.js';
import { embedCallFacts } from '../capabilities/call-facts.js';
import { refuseCall } from '../limits/refuse-call.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import { bindingMetadata, type CallBinding, callRegion, combinedSignal } from './call-binding.js';

/** `router.embeddingModel('embed')`: the same fail-over, for embedding routes. */
export function createRouterEmbeddingModel(
  runtime: RouterRuntime,
  route: ResolvedRoute,
  maxEmbeddingsPerCall: number | undefined,
  binding?: CallBinding,
): EmbeddingModelV4 {
  const metadata = bindingMetadata(binding);
  return {
    specificationVersion: 'v4',
    provider: 'modelmux',
    modelId: route.name,
    maxEmbeddingsPerCall,
    supportsParallelCalls: true,
    async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
      const signal = combinedSignal(options.abortSignal, binding);
      const facts = embedCallFacts({ values: options.values, metadata });
      facts.region = callRegion(binding, options.providerOptions);
      const call = new RoutedCall(runtime, route, 'embed', facts, signal);
      const callId = call.trace.callId;
      const admitting = runtime.limits.admitCall({
        route,
        facts,
        bound: binding?.limits,
        callId,
      });
      if (runtime.options.telemetry.recordContent) call.content = options.values;
      if (admitting)
        call.admission = await admitting.catch((error) => refuseCall(runtime, call.trace, error));
      const { value, attempt } = await call.run(async (active) => {
        const model = active.target.embeddingModel;
        if (!model) throw new Error(`target '${active.target.id}' has no embedding model`);
        return model.doEmbed({ ...options, abortSignal: active.controller.signal });
      });
      const tokens = value.usage?.tokens;
      call.succeed(
        attempt,
        tokens === undefined
          ? undefined
          : {
              inputTokens: {
                total: tokens,
                noCache: tokens,
                cacheRead: undefined,
                cacheWrite: undefined,
              },
              outputTokens: { total: 0, text: 0, reasoning: undefined },
            },
      );
      return {
        ...value,
        providerMetadata: withTrace(value.providerMetadata, call.trace),
      };
    },
  };
}
