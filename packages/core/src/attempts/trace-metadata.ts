import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { DecisionTrace } from '../trace/decision-trace.js';

/** The trace as `providerMetadata.modelmux` (plain JSON, as the spec requires). */
export function traceMetadata(trace: DecisionTrace): SharedV4ProviderMetadata {
  return { modelmux: trace as unknown as SharedV4ProviderMetadata[string] };
}
