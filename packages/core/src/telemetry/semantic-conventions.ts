/**
 * Every attribute, event and metric name modelmux writes, in one place: the GenAI semantic
 * conventions are still moving (a coming release renames the token metric), so a rename is one
 * edit here.
 */
export const genAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  inputMessages: 'gen_ai.input.messages',
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  httpStatus: 'http.response.status_code',
} as const;

export const modelmux = {
  callId: 'modelmux.call_id',
  route: 'modelmux.route',
  strategy: 'modelmux.strategy',
  operation: 'modelmux.operation',
  target: 'modelmux.target',
  attempt: 'modelmux.attempt',
  attempts: 'modelmux.attempts',
  candidates: 'modelmux.candidates',
  outcome: 'modelmux.outcome',
  errorClass: 'modelmux.error_class',
  next: 'modelmux.next',
  backoffMs: 'modelmux.backoff_ms',
  probe: 'modelmux.probe',
  panic: 'modelmux.panic',
  costUsd: 'modelmux.cost_usd',
  cacheHit: 'modelmux.cache_hit',
  costSavedUsd: 'modelmux.cost_saved_usd',
  ttftMs: 'modelmux.time_to_first_token_ms',
  reason: 'modelmux.reason',
  skipReason: 'modelmux.skip_reason',
  forMs: 'modelmux.for_ms',
  /** Attempt span: started as a hedge. Call span: the call started a hedge. */
  hedge: 'modelmux.hedge',
  /** Attempt span: cancelled because the other attempt of its hedge delivered first. */
  hedgeLost: 'modelmux.hedge_lost',
  hedgeTarget: 'modelmux.hedge.target',
  hedgeAfterMs: 'modelmux.hedge.after_ms',
  /** The target that delivered first (unset when neither did). */
  hedgeWinner: 'modelmux.hedge.winner',
  /** won (the hedge delivered first), lost (the slow attempt did) or failed (neither). */
  hedgeOutcome: 'modelmux.hedge.outcome',
} as const;

/** Span events. */
export const spanEvents = {
  failOver: 'modelmux.fail_over',
  candidateSkipped: 'modelmux.candidate_skipped',
  'breaker-open': 'modelmux.breaker_open',
  'breaker-half-open': 'modelmux.breaker_half_open',
  'breaker-close': 'modelmux.breaker_close',
  'target-cooldown': 'modelmux.target_cooldown',
} as const;

/** `gen_ai.operation.name` of a routed call. */
export function operationName(operation: 'generate' | 'stream' | 'embed'): string {
  return operation === 'embed' ? 'embeddings' : 'chat';
}

// The convention's well-known `gen_ai.provider.name` values, keyed by modelmux's provider family
// (the AI SDK provider string's head, see options/provider-family.ts). Others pass unchanged.
const providerNames: Record<string, string> = {
  google: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  'google-vertex': 'gcp.vertex_ai',
  'amazon-bedrock': 'aws.bedrock',
  bedrock: 'aws.bedrock',
  azure: 'azure.ai.openai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
};

export function genAiProviderName(family: string): string {
  return providerNames[family] ?? family;
}
