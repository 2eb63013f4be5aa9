import { randomBytes } from 'node:crypto';
import type { ErrorResponse } from '../core/driver.js';
import type { ErrorKind, ErrorPlan } from '../core/reply.js';

/**
 * Anthropic's error body: `{type:'error', error:{type, message}, request_id}` with the
 * `request-id` header (https://docs.claude.com/en/api/errors). The messages are the ones the real
 * API sends, so code that classifies errors by message (e.g. "prompt is too long") is exercised.
 */
const bodyForKind: Record<ErrorKind, { type: string; message: string }> = {
  'bad-request': { type: 'invalid_request_error', message: 'Invalid request.' },
  unauthorized: { type: 'authentication_error', message: 'invalid x-api-key' },
  forbidden: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  'not-found': { type: 'not_found_error', message: 'Not found.' },
  'context-length-exceeded': {
    type: 'invalid_request_error',
    message: 'prompt is too long: 208310 tokens > 200000 maximum',
  },
  // Anthropic has no content-policy error type: its output filter answers 400 with this message.
  'content-policy': {
    type: 'invalid_request_error',
    message: 'Output blocked by content filtering policy',
  },
  // What Claude models without assistant prefill (e.g. Opus 4.6) answer to a trailing
  // assistant message (LiteLLM issue #27967).
  'prefill-unsupported': {
    type: 'invalid_request_error',
    message:
      'This model does not support assistant message prefill. The conversation must end with a user message.',
  },
  'rate-limited': {
    type: 'rate_limit_error',
    message: "This request would exceed your account's rate limit. Please try again later.",
  },
  'server-error': { type: 'api_error', message: 'Internal server error' },
  // Anthropic documents no 503; one from its edge is an api_error like other 5xx.
  unavailable: { type: 'api_error', message: 'Service unavailable' },
  overloaded: { type: 'overloaded_error', message: 'Overloaded' },
};

/** Documented statuses whose error type is not the kind's default (413, 402, 504). */
const typeForStatus: Record<number, { type: string; message: string }> = {
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the API.' },
  413: {
    type: 'request_too_large',
    message: 'Request exceeds the maximum allowed number of bytes.',
  },
  504: { type: 'timeout_error', message: 'Request timeout' },
};

/** Without a scripted Retry-After, a 429 still carries one (the real API always does). */
const defaultRateLimitRetryAfterS = 1;
const requestsLimit = 50;
const tokensLimit = 40_000;

export function anthropicErrorResponse(plan: ErrorPlan & { message?: string }): ErrorResponse {
  const known =
    plan.kind === 'server-error' || plan.kind === 'bad-request'
      ? typeForStatus[plan.status]
      : undefined;
  const { type, message } = known ?? bodyForKind[plan.kind];
  const requestId = anthropicRequestId();
  return {
    status: plan.status,
    headers: { 'request-id': requestId, ...retryHeaders(plan) },
    body: {
      type: 'error',
      error: { type, message: plan.message ?? message },
      request_id: requestId,
    },
  };
}

/** `req_011C` plus 20 base62-looking characters, the shape of Anthropic's request ids. */
export function anthropicRequestId(): string {
  return `req_011C${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function retryHeaders(plan: ErrorPlan): Record<string, string> {
  const retryAfterS =
    plan.retryAfterS ?? (plan.kind === 'rate-limited' ? defaultRateLimitRetryAfterS : undefined);
  if (retryAfterS === undefined) return {};
  const headers: Record<string, string> = { 'retry-after': String(Math.ceil(retryAfterS)) };
  if (plan.kind !== 'rate-limited' && plan.status !== 429) return headers;
  // Anthropic resets are RFC 3339 instants, unlike OpenAI's "30s" durations.
  const reset = new Date(Date.now() + retryAfterS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const [name, limit] of [
    ['requests', requestsLimit],
    ['tokens', tokensLimit],
    ['input-tokens', tokensLimit],
    ['output-tokens', Math.floor(tokensLimit / 5)],
  ] as const) {
    headers[`anthropic-ratelimit-${name}-limit`] = String(limit);
    headers[`anthropic-ratelimit-${name}-remaining`] = name === 'requests' ? '0' : String(limit);
    headers[`anthropic-ratelimit-${name}-reset`] = reset;
  }
  return headers;
}
