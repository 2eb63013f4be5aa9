import { describe, expect, it } from 'vitest';
import { parseGoDurationMs, retryAfterMs } from './retry-after.js';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('retryAfterMs', () => {
  it('reads retry-after-ms', () => {
    expect(retryAfterMs({ 'retry-after-ms': '1500' }, now)).toBe(1_500);
  });

  it('reads retry-after in seconds, fractions included', () => {
    expect(retryAfterMs({ 'retry-after': '20' }, now)).toBe(20_000);
    expect(retryAfterMs({ 'retry-after': '0.5' }, now)).toBe(500);
  });

  it('reads retry-after as an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after': 'Tue, 24 Nov 2026 12:00:30 GMT' }, now)).toBe(30_000);
  });

  it('matches header names whatever their case', () => {
    expect(retryAfterMs({ 'Retry-After': '3' }, now)).toBe(3_000);
    expect(retryAfterMs({ 'X-RateLimit-Reset-Tokens': '2s' }, now)).toBe(2_000);
  });

  it('prefers retry-after-ms, then retry-after, over reset headers', () => {
    const headers = {
      'x-ratelimit-reset-requests': '9s',
      'retry-after': '4',
      'retry-after-ms': '4200',
      'anthropic-ratelimit-requests-reset': '2026-11-24T12:01:00Z',
    };
    expect(retryAfterMs(headers, now)).toBe(4_200);
    const { 'retry-after-ms': _, ...withoutMs } = headers;
    expect(retryAfterMs(withoutMs, now)).toBe(4_000);
  });

  it('reads OpenAI reset durations', () => {
    const cases = { '1s': 1_000, '6m0s': 360_000, '20ms': 20, '1h2m3.5s': 3_723_500, '0': 0 };
    for (const [value, expected] of Object.entries(cases)) {
      expect(retryAfterMs({ 'x-ratelimit-reset-requests': value }, now)).toBe(expected);
    }
  });

  it('takes the OpenAI reset of the exhausted limit', () => {
    const headers = {
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
    };
    expect(retryAfterMs(headers, now)).toBe(360_000);
    const { 'x-ratelimit-remaining-tokens': _, ...unknownRemaining } = headers;
    expect(retryAfterMs(unknownRemaining, now)).toBe(120);
  });

  it('reads Anthropic reset times (RFC 3339)', () => {
    for (const limit of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      const headers = { [`anthropic-ratelimit-${limit}-reset`]: '2026-11-24T12:00:07Z' };
      expect(retryAfterMs(headers, now)).toBe(7_000);
    }
    const offset = { 'anthropic-ratelimit-tokens-reset': '2026-11-24T13:00:02.5+01:00' };
    expect(retryAfterMs(offset, now)).toBe(2_500);
  });

  it('takes the latest Anthropic reset among exhausted limits', () => {
    const headers = {
      'anthropic-ratelimit-requests-remaining': '10',
      'anthropic-ratelimit-requests-reset': '2026-11-24T12:00:01Z',
      'anthropic-ratelimit-input-tokens-remaining': '0',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-24T12:00:20Z',
      'anthropic-ratelimit-output-tokens-remaining': '0',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-24T12:00:40Z',
    };
    expect(retryAfterMs(headers, now)).toBe(40_000);
  });

  it("reads Gemini's RetryInfo retryDelay from the body", () => {
    const body = (retryDelay: string) =>
      JSON.stringify({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
          ],
        },
      });
    expect(retryAfterMs(undefined, now, body('30s'))).toBe(30_000);
    expect(retryAfterMs({}, now, body('1.5s'))).toBe(1_500);
    expect(retryAfterMs({}, now, `[${body('2s')}]`)).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': '1' }, now, body('30s'))).toBe(1_000);
  });

  it('turns negative waits and times in the past into 0', () => {
    expect(retryAfterMs({ 'retry-after': '-5' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': 'Tue, 24 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterMs({ 'anthropic-ratelimit-tokens-reset': '2026-11-24T11:59:00Z' }, now)).toBe(
      0,
    );
    expect(retryAfterMs({ 'x-ratelimit-reset-tokens': '-1s' }, now)).toBe(0);
  });

  it('is undefined when nothing usable is present', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs({ 'content-type': 'application/json' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon', 'retry-after-ms': '' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'x-ratelimit-reset-requests': '5 minutes' }, now)).toBeUndefined();
    expect(retryAfterMs({}, now, '{"error":{"details":[{"@type":"RetryInfo"')).toBeUndefined();
    expect(retryAfterMs({}, now, '{"error":{"message":"quota"}}')).toBeUndefined();
  });

  it('skips an unparseable header for the next one present', () => {
    expect(retryAfterMs({ 'retry-after': 'soon', 'x-ratelimit-reset-tokens': '3s' }, now)).toBe(
      3_000,
    );
  });
});

describe('parseGoDurationMs', () => {
  it('reads every Go unit and rejects what is not a duration', () => {
    expect(
      ['2h', '1.5m', '250us', '250µs', '3000000ns', '.5s', '1m30s'].map(parseGoDurationMs),
    ).toEqual([7_200_000, 90_000, 0.25, 0.25, 3, 500, 90_000]);
    expect(['', 's', '10', '1x', '1s2'].map(parseGoDurationMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
