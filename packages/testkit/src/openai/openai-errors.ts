import { randomBytes } from 'node:crypto';
import type { ErrorResponse } from '../core/driver.js';
import type { ErrorKind, ErrorPlan } from '../core/reply.js';

/** The body OpenAI sends with every error status; `@ai-sdk/openai` and openai-node parse `error.message`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

type ErrorFields = OpenAIErrorBody['error'];

// Messages, types and codes as api.openai.com sends them (docs' error-codes guide and captured
// responses). Routers classify on `code` (context_length_exceeded, rate_limit_exceeded, ...),
// so these are the fields that matter; the messages only have to read like the real ones.
const fieldsByKind: Record<ErrorKind, ErrorFields> = {
  'bad-request': {
    message: 'Invalid request.',
    type: 'invalid_request_error',
    param: null,
    code: null,
  },
  unauthorized: {
    // The real message quotes a masked key; the fake never echoes any part of it.
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
  forbidden: {
    message: 'Country, region, or territory not supported',
    type: 'request_forbidden',
    param: null,
    code: 'unsupported_country_region_territory',
  },
  'not-found': {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  },
  // OpenAI itself answers a trailing assistant message anew; OpenAI-compatible servers that
  // refuse it send an invalid_request_error like this one.
  'prefill-unsupported': {
    message:
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    type: 'invalid_request_error',
    param: 'messages',
    code: null,
  },
  'context-length-exceeded': {
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
  'content-policy': {
    message:
      'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    type: 'invalid_request_error',
    param: null,
    code: 'content_policy_violation',
  },
  'rate-limited': {
    message:
      'Rate limit reached for requests in organization org-testkit on requests per min (RPM): Limit 500, Used 500, Requested 1. Visit https://platform.openai.com/account/rate-limits to learn more.',
    type: 'requests',
    param: null,
    code: 'rate_limit_exceeded',
  },
  'server-error': {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  },
  unavailable: {
    message: 'The server is overloaded or not ready yet.',
    type: 'server_error',
    param: null,
    code: null,
  },
  overloaded: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    param: null,
    code: null,
  },
};

/** Seconds a 429 asks the client to wait when the reply names none: short, so tests stay fast. */
const defaultRateLimitRetryAfterS = 1;
const requestsPerMinute = 500;
const tokensPerMinute = 30_000;

export function openAIErrorBody(kind: ErrorKind, message?: string): OpenAIErrorBody {
  const fields = fieldsByKind[kind];
  return { error: { ...fields, message: message ?? fields.message } };
}

/** A planned error as OpenAI renders it: body, `x-request-id`, and for 429 its rate-limit headers. */
export function openAIErrorResponse(plan: ErrorPlan & { message?: string }): ErrorResponse {
  const headers: Record<string, string> = { 'x-request-id': openAIRequestId() };
  const retryAfterS =
    plan.retryAfterS ?? (plan.status === 429 ? defaultRateLimitRetryAfterS : undefined);
  if (retryAfterS !== undefined) {
    headers['retry-after'] = String(Math.ceil(retryAfterS));
    if (plan.status === 429) Object.assign(headers, rateLimitHeaders(retryAfterS));
  }
  return { status: plan.status, headers, body: openAIErrorBody(plan.kind, plan.message) };
}

/** The `x-ratelimit-*` headers OpenAI sends when the request budget is spent. */
function rateLimitHeaders(retryAfterS: number): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(requestsPerMinute),
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': `${retryAfterS}s`,
    'x-ratelimit-limit-tokens': String(tokensPerMinute),
    'x-ratelimit-remaining-tokens': String(tokensPerMinute),
    'x-ratelimit-reset-tokens': '0s',
  };
}

/** OpenAI tags every response with a request id; openai-node exposes it as `error.requestID`. */
export function openAIRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}
