/**
 * How long a rate-limited provider asked us to wait, in milliseconds, from its response. Read
 * in this order, the first that is present and parses wins (explicit waits before reset times):
 * 1. `retry-after-ms` (OpenAI, Azure);
 * 2. `retry-after`: seconds or an HTTP date;
 * 3. OpenAI's `x-ratelimit-reset-requests` / `-tokens`: Go durations (`6m0s`);
 * 4. Anthropic's `anthropic-ratelimit-*-reset`: RFC 3339 times;
 * 5. Gemini's body: `error.details[]` of type `google.rpc.RetryInfo`, `retryDelay` (`30s`).
 * Providers send reset times for every limit on every response, so within 3 and 4 a limit whose
 * `remaining` is 0 is the one that was hit: the latest of those wins, else the first listed.
 * Header names are case-insensitive; a time in the past is 0; nothing usable is undefined.
 */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
  now: number,
  body?: string,
): number | undefined {
  const waitMs = headers === undefined ? undefined : fromHeaders(lowerCaseKeys(headers), now);
  const resultMs = waitMs ?? fromGeminiBody(body);
  return resultMs === undefined ? undefined : Math.max(0, resultMs);
}

interface RateLimit {
  reset: string;
  remaining: string;
}

const OPENAI_LIMITS: readonly RateLimit[] = [
  { reset: 'x-ratelimit-reset-requests', remaining: 'x-ratelimit-remaining-requests' },
  { reset: 'x-ratelimit-reset-tokens', remaining: 'x-ratelimit-remaining-tokens' },
];

const ANTHROPIC_LIMITS: readonly RateLimit[] = [
  'requests',
  'tokens',
  'input-tokens',
  'output-tokens',
].map((limit) => ({
  reset: `anthropic-ratelimit-${limit}-reset`,
  remaining: `anthropic-ratelimit-${limit}-remaining`,
}));

function fromHeaders(headers: Record<string, string>, now: number): number | undefined {
  return (
    parseNumber(headers['retry-after-ms']) ??
    parseRetryAfter(headers['retry-after'], now) ??
    fromResets(headers, OPENAI_LIMITS, parseGoDurationMs) ??
    fromResets(headers, ANTHROPIC_LIMITS, (value) => parseDateMs(value, now))
  );
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

function fromResets(
  headers: Record<string, string>,
  limits: readonly RateLimit[],
  parse: (value: string) => number | undefined,
): number | undefined {
  let firstMs: number | undefined;
  let exhaustedMs: number | undefined;
  for (const { reset, remaining } of limits) {
    const value = headers[reset];
    const resetMs = value === undefined ? undefined : parse(value);
    if (resetMs === undefined) continue;
    firstMs ??= resetMs;
    if (parseNumber(headers[remaining]) === 0) exhaustedMs = Math.max(exhaustedMs ?? 0, resetMs);
  }
  return exhaustedMs ?? firstMs;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** `Retry-After` is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseNumber(value);
  return seconds === undefined ? parseDateMs(value, now) : seconds * 1000;
}

function parseDateMs(value: string, now: number): number | undefined {
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at - now;
}

/** Milliseconds per unit of a Go duration. */
const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  μs: 0.001,
  ns: 0.000_001,
};

const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/y;

/**
 * A Go `time.Duration` string (`1s`, `6m0s`, `20ms`, `1h2m3.5s`); protobuf JSON durations
 * (`30s`, `1.5s`) are a subset.
 */
export function parseGoDurationMs(text: string): number | undefined {
  let rest = text.trim();
  const sign = rest.startsWith('-') ? -1 : 1;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let totalMs = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < rest.length) {
    const match = DURATION_PART.exec(rest);
    if (match === null) return undefined;
    totalMs += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return sign * totalMs;
}

/** Gemini puts the wait in the error body, not a header. */
function fromGeminiBody(body: string | undefined): number | undefined {
  // Error bodies can be large; only parse one that can hold the answer.
  if (body === undefined || !body.includes('RetryInfo')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  // The streaming endpoint wraps the error in an array.
  const root = Array.isArray(parsed) ? parsed[0] : parsed;
  const details = (root as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { '@type': type, retryDelay } = detail as { '@type'?: unknown; retryDelay?: unknown };
    if (typeof type !== 'string' || !type.endsWith('google.rpc.RetryInfo')) continue;
    if (typeof retryDelay === 'string') return parseGoDurationMs(retryDelay);
  }
  return undefined;
}
