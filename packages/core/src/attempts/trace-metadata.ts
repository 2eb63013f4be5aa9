import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { DecisionTrace } from '../trace/decision-trace.js';

/** The trace as `providerMetadata.modelmux` (plain JSON, as the spec requires). */
export function traceMetadata(trace: DecisionTrace): SharedV4ProviderMetadata {
  return { modelmux: trace as unknown as SharedV4ProviderMetadata[string] };
}

/** `metadata` (a provider's own, if any) with the trace added as `modelmux`. */
export function withTrace(
  metadata: SharedV4ProviderMetadata | undefined,
  trace: DecisionTrace,
): SharedV4ProviderMetadata {
  return { ...metadata, modelmux: trace as unknown as SharedV4ProviderMetadata[string] };
}
