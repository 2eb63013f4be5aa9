import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  SharedV4ProviderMetadata,
} from '@ai-sdk/provider';
import type { RouterRuntime } from '../attempts/router-runtime.js';
import { withTrace } from '../attempts/trace-metadata.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import { decodeFromCache, encodeForCache } from './cache-codec.js';
import { cacheKeyOf } from './cache-key.js';

/** What a cached answer holds (JSON-safe once encoded). */
interface CachedAnswer {
  target: string | undefined;
  costUsd: number | undefined;
  /** generate: the result's content, finish reason, usage, warnings and response metadata. */
  result?: Omit<LanguageModelV4GenerateResult, 'request'>;
  /** stream: every part as it was delivered, the trace left out. */
  parts?: LanguageModelV4StreamPart[];
}

/** Finish reasons of an answer that did not complete: never cached. */
const incomplete = new Set(['error', 'interrupted']);

/**
 * The exact response cache of one call to a route with `cache` set: looks the call up before
 * routing, and stores a complete answer after it. Errors, error parts and truncated streams are
 * never stored. A hit makes no attempt and has a trace of its own (`cache: 'hit'`, `costSavedUsd`).
 */
export function routeCache({
  runtime,
  route,
  operation,
  options,
  metadata,
}: {
  runtime: RouterRuntime;
  route: ResolvedRoute;
  operation: 'generate' | 'stream';
  options: LanguageModelV4CallOptions;
  metadata: Readonly<Record<string, string>>;
}) {
  const settings = route.cache;
  if (!settings) return undefined;
  const { store, clock, limits } = runtime.options;
  const { key: keyField, user, tenant } = limits.metadataKeys;
  const key = cacheKeyOf({
    route: route.name,
    operation,
    options,
    scope: { key: metadata[keyField], user: metadata[user], tenant: metadata[tenant] },
  });

  async function lookup(): Promise<CachedAnswer | undefined> {
    try {
      const entry = await store.cacheGet(key, clock.now());
      return entry ? (decodeFromCache(entry.value) as CachedAnswer) : undefined;
    } catch {
      return undefined;
    }
  }

  function save(answer: CachedAnswer): void {
    const entry = { value: encodeForCache(answer), storedAt: clock.now() };
    store.cacheSet(key, entry, settings?.ttlMs ?? 0).catch(() => {});
  }

  /** A hit's trace: no candidates, no attempts, the cost the cached answer had. */
  function hitTrace(answer: CachedAnswer, startedAt: number): DecisionTrace {
    const trace: DecisionTrace = {
      callId: runtime.nextCallId(),
      route: route.name,
      operation,
      strategy: route.strategy.name,
      startedAt: Date.now(),
      durationMs: Math.round((clock.now() - startedAt) * 100) / 100,
      outcome: 'success',
      candidates: [],
      attempts: [],
      cache: 'hit',
      costSavedUsd: answer.costUsd ?? 0,
    };
    if (answer.target !== undefined) trace.target = answer.target;
    if (Object.keys(metadata).length > 0) trace.metadata = { ...metadata };
    runtime.stats.callEnded(trace);
    runtime.decided(trace);
    return trace;
  }

  return {
    async generateHit(): Promise<LanguageModelV4GenerateResult | undefined> {
      const startedAt = clock.now();
      const answer = await lookup();
      if (!answer?.result) return undefined;
      const trace = hitTrace(answer, startedAt);
      return {
        ...answer.result,
        providerMetadata: withTrace(answer.result.providerMetadata, trace),
      };
    },

    storeGenerate(result: LanguageModelV4GenerateResult, trace: DecisionTrace): void {
      if (incomplete.has(result.finishReason.unified)) return;
      const { request: _request, response, providerMetadata, ...rest } = result;
      const answer: CachedAnswer = {
        target: trace.target,
        costUsd: trace.costUsd,
        result: { ...rest, providerMetadata: withoutTrace(providerMetadata) },
      };
      if (response && answer.result) {
        answer.result.response = {
          id: response.id,
          timestamp: response.timestamp,
          modelId: response.modelId,
        };
      }
      save(answer);
    },

    async streamHit(): Promise<LanguageModelV4StreamResult | undefined> {
      const startedAt = clock.now();
      const answer = await lookup();
      const parts = answer?.parts;
      if (!answer || !parts) return undefined;
      const trace = hitTrace(answer, startedAt);
      let index = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>(
        {
          pull(controller) {
            const part = parts[index++];
            if (!part) {
              controller.close();
              return;
            }
            controller.enqueue(
              part.type === 'finish'
                ? { ...part, providerMetadata: withTrace(part.providerMetadata, trace) }
                : part,
            );
          },
        },
        { highWaterMark: 0 },
      );
      return Object.assign({ stream }, { providerMetadata: withTrace(undefined, trace) });
    },

    /** Passes the stream through, keeping its parts; stores them once it finished cleanly. */
    recordStream(
      source: ReadableStream<LanguageModelV4StreamPart>,
      trace: DecisionTrace,
    ): ReadableStream<LanguageModelV4StreamPart> {
      const reader = source.getReader();
      const parts: LanguageModelV4StreamPart[] = [];
      let complete = false;
      let broken = false;
      return new ReadableStream<LanguageModelV4StreamPart>(
        {
          async pull(controller) {
            let read: ReadableStreamReadResult<LanguageModelV4StreamPart>;
            try {
              read = await reader.read();
            } catch (error) {
              controller.error(error);
              return;
            }
            if (read.done) {
              controller.close();
              if (complete && !broken)
                save({ target: trace.target, costUsd: trace.costUsd, parts });
              return;
            }
            const part = read.value;
            if (part.type === 'error') broken = true;
            else if (part.type === 'finish') {
              if (incomplete.has(part.finishReason.unified) || trace.outcome !== 'success')
                broken = true;
              else {
                complete = true;
                parts.push({ ...part, providerMetadata: withoutTrace(part.providerMetadata) });
              }
            } else parts.push(part);
            controller.enqueue(part);
          },
          cancel(reason) {
            return reader.cancel(reason);
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
}

function withoutTrace(
  metadata: SharedV4ProviderMetadata | undefined,
): SharedV4ProviderMetadata | undefined {
  if (!metadata) return undefined;
  const { modelmux: _trace, ...rest } = metadata;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
