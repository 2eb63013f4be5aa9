import type { ErrorResponse } from '../core/driver.js';
import type { ErrorKind, ErrorPlan } from '../core/reply.js';

/**
 * Gemini's error body is a google.rpc.Status: `{error:{code, message, status, details?}}`
 * (https://ai.google.dev/gemini-api/docs/troubleshooting). `code` is the HTTP status and `status`
 * its canonical name, so the name follows the HTTP status (a 429 is always RESOURCE_EXHAUSTED) and
 * the kind picks the message and details. Gemini sends no rate-limit or Retry-After headers: the
 * wait is in the body, as a `google.rpc.RetryInfo` detail.
 */
const canonicalStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const messageForKind: Record<ErrorKind, string> = {
  'bad-request': 'Request contains an invalid argument.',
  unauthorized: 'API key not valid. Please pass a valid API key.',
  forbidden: 'The caller does not have permission',
  'not-found': 'Requested entity was not found.',
  // The 1M-token window of the Gemini 2.x models; the count is a figure past it.
  'context-length-exceeded':
    'The input token count (1196265) exceeds the maximum number of tokens allowed (1048576).',
  // The real API reports a blocked prompt as a 200 with `promptFeedback.blockReason: "SAFETY"`
  // and no candidates (a streamed answer the output filter stops ends with finishReason
  // "SAFETY"). A scripted error is always an HTTP error here (the core renders it before the
  // endpoint knows whether it streams), so content policy is a 400 INVALID_ARGUMENT whose
  // message names the block reason, for classifiers that look for "SAFETY".
  'content-policy': 'The prompt was blocked by the safety filters (blockReason: SAFETY).',
  'prefill-unsupported':
    'This model does not support assistant message prefill. The conversation must end with a user message.',
  'rate-limited':
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  'server-error':
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  unavailable: 'The service is currently unavailable.',
  overloaded: 'The model is overloaded. Please try again later.',
};

const messageForStatus: Record<number, string> = {
  501: 'Method not implemented.',
  504: 'Deadline expired before operation could complete.',
};

export function geminiErrorResponse(plan: ErrorPlan & { message?: string }): ErrorResponse {
  // Other statuses (e.g. the 413 for an oversized body) take the nearest canonical name.
  const status =
    canonicalStatus[plan.status] ?? (plan.status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  const generic = plan.kind === 'server-error' ? messageForStatus[plan.status] : undefined;
  const retryDelay = plan.retryAfterS === undefined ? undefined : durationOf(plan.retryAfterS);
  let message = plan.message ?? generic ?? messageForKind[plan.kind];
  // Current quota errors end with the wait in words too; some clients only read the message.
  if (plan.kind === 'rate-limited' && retryDelay !== undefined) {
    message += ` Please retry in ${retryDelay}.`;
  }
  const details = [...detailsForKind(plan.kind)];
  if (retryDelay !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
  }
  return {
    status: plan.status,
    body: {
      error: {
        code: plan.status,
        message,
        status,
        ...(details.length > 0 ? { details } : {}),
      },
    },
  };
}

function detailsForKind(kind: ErrorKind): Record<string, unknown>[] {
  if (kind === 'unauthorized') {
    // The reason a client can match on; the real API sends it with a 400 INVALID_ARGUMENT
    // (script `{ status: 400, error: 'unauthorized' }` for that exact shape).
    return [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
      {
        '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
        locale: 'en-US',
        message: messageForKind.unauthorized,
      },
    ];
  }
  if (kind === 'rate-limited') {
    return [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
            quotaDimensions: { location: 'global' },
            quotaValue: '15',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [
          {
            description: 'Learn more about Gemini API quotas',
            url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
          },
        ],
      },
    ];
  }
  return [];
}

/** A protobuf Duration in JSON: `"30s"`, `"1.5s"`. */
function durationOf(seconds: number): string {
  return `${Number(seconds.toFixed(3))}s`;
}
