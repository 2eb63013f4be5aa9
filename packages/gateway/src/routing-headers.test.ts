import type { DecisionTrace } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { overheadMs, routingHeaders, traceOf } from './routing-headers.js';

const trace = {
  callId: 'c-1',
  route: 'main',
  operation: 'generate',
  strategy: 'priority',
  startedAt: 0,
  durationMs: 130,
  outcome: 'success',
  target: 'b',
  candidates: [],
  attempts: [
    { attempt: 1, target: 'a', provider: 'openai', model: 'm', outcome: 'error', durationMs: 40 },
    {
      attempt: 2,
      target: 'b',
      provider: 'anthropic',
      model: 'm',
      outcome: 'success',
      durationMs: 80,
    },
  ],
} satisfies DecisionTrace;

describe('routingHeaders', () => {
  it('names the route, target and attempts, and the time spent outside the attempts', () => {
    expect(routingHeaders(trace, 123.456)).toEqual({
      'x-modelmux-route': 'main',
      'x-modelmux-call-id': 'c-1',
      'x-modelmux-attempts': '2',
      'x-modelmux-target': 'b',
      'x-modelmux-overhead-ms': '3.46',
    });
    expect(routingHeaders(undefined, 5)).toEqual({});
  });

  it('never reports a negative overhead (the router may run on another clock)', () => {
    expect(overheadMs(trace, 100)).toBe(0);
  });
});

describe('traceOf', () => {
  it('reads providerMetadata.modelmux', () => {
    expect(traceOf({ modelmux: trace as never })).toBe(trace);
    expect(traceOf({ other: {} })).toBeUndefined();
    expect(traceOf(undefined)).toBeUndefined();
  });
});
