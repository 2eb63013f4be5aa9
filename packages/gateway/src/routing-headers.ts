import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { type DecisionTrace, traceHeaders } from '@modelmux/core';

/** The router's decision trace, from a result's (or a stream's opening) provider metadata. */
export function traceOf(
  providerMetadata: SharedV4ProviderMetadata | undefined,
): DecisionTrace | undefined {
  const trace = providerMetadata?.modelmux as unknown as DecisionTrace | undefined;
  return trace && Array.isArray(trace.attempts) ? trace : undefined;
}

/**
 * The headers that say how a request was routed (`x-modelmux-route`, `-target`, `-attempts`,
 * `-call-id`) and `x-modelmux-overhead-ms`: the gateway's own share of `elapsedMs`, that is the
 * time not spent inside an upstream attempt (parsing, auth, routing, backoff waits, translation).
 */
export function routingHeaders(
  trace: DecisionTrace | undefined,
  elapsedMs: number,
): Record<string, string> {
  if (!trace) return {};
  return {
    ...traceHeaders(trace),
    'x-modelmux-overhead-ms': overheadMs(trace, elapsedMs).toFixed(2),
  };
}

/** The part of `elapsedMs` not spent inside the trace's upstream attempts. */
export function overheadMs(trace: DecisionTrace, elapsedMs: number): number {
  let upstreamMs = 0;
  for (const attempt of trace.attempts) upstreamMs += attempt.durationMs;
  return Math.max(0, elapsedMs - upstreamMs);
}
