import { APICallError } from '@ai-sdk/provider';
import { retryAfterMs } from '../attempts/retry-after.js';
import { AttemptTimeoutError, StreamBrokenError } from './attempt-timeout-error.js';
import type { ClassifiedError, ErrorClass, ErrorReason } from './error-class.js';
import { redact } from './redact.js';

// Provider wordings, matched against error bodies and messages. The only place that reads them.
const contextLength =
  /context_length_exceeded|context length|context window|maximum context|prompt is too long|too many tokens|input token count.*exceeds|exceeds the maximum number of tokens|string_above_max_length|request too large/i;
const contentPolicy =
  /content_policy|content_filter|content management policy|responsible ai|safety|blocked|prohibited_content|moderation/i;
const unsupported = /does not support|not supported|unsupported|invalid_model_capability/i;
// A model that will not continue a trailing assistant message (Anthropic's 400 for some models).
const prefill = /assistant message prefill|must end with a user message|final assistant content/i;
const overloaded = /overloaded/i;
const quota = /insufficient_quota|quota|billing/i;
// Gemini answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID, not a 401.
const badKey = /API_KEY_INVALID|invalid_api_key/;

/** Maps anything an attempt threw (or a stream's error part held) to DESIGN.md's classes. */
export function classifyError(
  error: unknown,
  { callerAborted }: { callerAborted: boolean },
): ClassifiedError {
  if (callerAborted)
    return result('aborted', 'aborted', undefined, undefined, 'The caller aborted the call.');
  if (error instanceof AttemptTimeoutError) {
    return result('retryable-transient', 'timeout', undefined, undefined, error.message);
  }
  if (error instanceof StreamBrokenError) {
    return result('retryable-transient', 'stream-broken', undefined, undefined, describe(error));
  }
  if (APICallError.isInstance(error)) return classifyApiCallError(error);
  if (isAbortError(error)) {
    // Not the caller's and not our timer: the upstream's own abort (e.g. its fetch timeout).
    return result('retryable-transient', 'timeout', undefined, undefined, describe(error));
  }
  if (isNetworkError(error))
    return result('retryable-transient', 'network', undefined, undefined, describe(error));
  if (isProviderErrorObject(error)) return classifyErrorObject(error);
  if (isParseError(error)) {
    return result('retryable-transient', 'stream-broken', undefined, undefined, describe(error));
  }
  return result('retryable-transient', 'unknown', undefined, undefined, describe(error));
}

function classifyApiCallError(error: APICallError): ClassifiedError {
  const status = error.statusCode;
  const body = error.responseBody ?? '';
  const text = `${error.message} ${body}`;
  // Dates in headers (HTTP-date Retry-After, Anthropic's reset times) are wall-clock times: read
  // them against Date.now() and hand back a duration, which the router applies on its own clock.
  const wait = retryAfterMs(error.responseHeaders, Date.now(), body);
  const message = `${status ?? 'network'}: ${describe(error)}`;
  if (status === undefined) {
    return result('retryable-transient', 'network', undefined, undefined, message);
  }
  if (status < 400) {
    // The response started well and then broke (the AI SDK reports a socket reset while reading
    // a 200 body as an APICallError carrying that 200).
    return result('retryable-transient', 'stream-broken', status, undefined, message);
  }
  if (status === 429) {
    const reason: ErrorReason =
      quota.test(body) && !/rate/i.test(body) ? 'quota-exceeded' : 'rate-limited';
    return result('rate-limited', reason, status, wait, message);
  }
  if (status === 408 || status === 409 || status === 425 || status >= 500) {
    const reason: ErrorReason =
      status === 529 || overloaded.test(body)
        ? 'overloaded'
        : status === 408
          ? 'timeout'
          : 'server-error';
    return result('retryable-transient', reason, status, wait, message);
  }
  if (contextLength.test(text))
    return result('fallback-only', 'context-length', status, undefined, message);
  if (contentPolicy.test(body))
    return result('fallback-only', 'content-policy', status, undefined, message);
  if (status === 401 || badKey.test(body))
    return result('caller-error', 'unauthorized', status, undefined, message);
  if (status === 403) return result('caller-error', 'forbidden', status, undefined, message);
  if (status === 404) return result('caller-error', 'not-found', status, undefined, message);
  if (prefill.test(body))
    return result('fallback-only', 'prefill-unsupported', status, undefined, message);
  if (unsupported.test(body))
    return result('fallback-only', 'unsupported', status, undefined, message);
  return result('caller-error', 'bad-request', status, undefined, message);
}

/** A stream's `error` part carries the provider's raw error object. */
function classifyErrorObject(error: Record<string, unknown>): ClassifiedError {
  const inner = (
    typeof error.error === 'object' && error.error !== null ? error.error : error
  ) as Record<string, unknown>;
  const kind = `${String(inner.type ?? '')} ${String(inner.code ?? '')} ${String(inner.status ?? '')}`;
  const message = redact(`${kind.trim()}: ${String(inner.message ?? '')}`);
  if (/rate_limit|resource_exhausted|429/i.test(kind))
    return result('rate-limited', 'rate-limited', undefined, undefined, message);
  if (overloaded.test(kind))
    return result('retryable-transient', 'overloaded', undefined, undefined, message);
  if (contextLength.test(`${kind} ${String(inner.message ?? '')}`)) {
    return result('fallback-only', 'context-length', undefined, undefined, message);
  }
  if (/content_policy|content_filter|safety/i.test(kind)) {
    return result('fallback-only', 'content-policy', undefined, undefined, message);
  }
  return result('retryable-transient', 'server-error', undefined, undefined, message);
}

function result(
  errorClass: ErrorClass,
  reason: ErrorReason,
  status: number | undefined,
  retryAfter: number | undefined,
  message: string,
): ClassifiedError {
  return { errorClass, reason, status, retryAfterMs: retryAfter, message: redact(message) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

const networkCodes =
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR_|ECONNABORTED|EHOSTUNREACH/;

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (
    error.message === 'terminated' ||
    error.message === 'fetch failed' ||
    /socket|network/i.test(error.message)
  ) {
    return true;
  }
  const code =
    (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && networkCodes.test(code);
}

function isParseError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /JSONParseError|TypeValidationError|SyntaxError|InvalidResponseDataError/.test(
      `${error.name} ${error.constructor.name}`,
    )
  );
}

function isProviderErrorObject(error: unknown): error is Record<string, unknown> {
  return typeof error === 'object' && error !== null && !(error instanceof Error);
}
