import { describe, expect, it } from 'vitest';
import type { DecisionTrace } from '../trace/decision-trace.js';
import { AllTargetsFailedError } from './all-targets-failed-error.js';
import { httpErrorOf, httpErrorResponse } from './http-error.js';
import { NoCapableTargetError } from './no-capable-target-error.js';
import { NoSuchRouteError } from './no-such-route-error.js';
import { RequestRejectedError } from './request-rejected-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';

const trace: DecisionTrace = {
  callId: 'c-1',
  route: 'smart',
  operation: 'generate',
  strategy: 'priority',
  startedAt: 0,
  durationMs: 1,
  outcome: 'failed',
  candidates: [{ target: 'mini', via: ['smart'] }],
  attempts: [],
};

describe('httpErrorOf', () => {
  it('answers 503 with Retry-After rounded up to seconds when every target failed', () => {
    const error = new AllTargetsFailedError({
      trace,
      lastError: new Error('x'),
      retryAfterMs: 1_200,
    });
    expect(httpErrorOf(error)).toMatchObject({
      status: 503,
      code: 'all-targets-failed',
      retryAfterS: 2,
    });
  });

  it('leaves Retry-After out when no recovery time is known', () => {
    const error = new AllTargetsFailedError({
      trace,
      lastError: undefined,
      retryAfterMs: undefined,
    });
    expect(httpErrorOf(error).retryAfterS).toBeUndefined();
  });

  it('answers 400 for a request the provider found invalid, 502 for a bad provider key', () => {
    const invalid = new RequestRejectedError({
      trace,
      target: 'mini',
      status: 400,
      reason: 'bad-request',
      cause: undefined,
    });
    const badKey = new RequestRejectedError({
      trace,
      target: 'mini',
      status: 401,
      reason: 'unauthorized',
      cause: undefined,
    });
    expect([httpErrorOf(invalid).status, httpErrorOf(badKey).status]).toEqual([400, 502]);
  });

  it('answers 422 when no target can take the call and 500 for a missing route', () => {
    expect(httpErrorOf(new NoCapableTargetError({ trace })).status).toBe(422);
    const noRoute = httpErrorOf(new NoSuchRouteError({ route: 'x', known: ['smart'] }));
    expect([noRoute.status, noRoute.code]).toEqual([500, 'no-such-route']);
    expect(noRoute.message).not.toContain('smart');
  });

  it('answers 502 with its message for a stream that broke after content', () => {
    const error = new StreamInterruptedError({ trace, target: 'mini', detail: 'network: reset' });
    expect(httpErrorOf(error)).toEqual({
      status: 502,
      code: 'stream-interrupted',
      message: error.message,
      retryAfterS: undefined,
      side: 'server',
    });
    expect(error.message).toContain("The stream from target 'mini' (route 'smart') broke");
  });

  it('hides the message of an error modelmux did not make', () => {
    const answer = httpErrorOf(new Error('connect to postgres://user:hunter2@db failed'));
    expect(answer).toMatchObject({ status: 500, code: 'internal-error' });
    expect(answer.message).not.toContain('hunter2');
  });
});

describe('httpErrorResponse', () => {
  it('adds the trace headers, Retry-After and the JSON body to the mapping', () => {
    const error = new AllTargetsFailedError({ trace, lastError: undefined, retryAfterMs: 7_000 });
    const answer = httpErrorResponse(error);
    expect([answer.status, answer.headers, answer.body]).toEqual([
      503,
      {
        'x-modelmux-route': 'smart',
        'x-modelmux-call-id': 'c-1',
        'x-modelmux-attempts': '0',
        'Retry-After': '7',
      },
      { error: { code: 'all-targets-failed', message: error.message } },
    ]);
  });

  it('sends no headers for an error without a trace or a recovery time', () => {
    const answer = httpErrorResponse(new NoSuchRouteError({ route: 'x', known: ['smart'] }));
    expect([answer.status, answer.headers, answer.body.error.code]).toEqual([
      500,
      {},
      'no-such-route',
    ]);
  });
});
