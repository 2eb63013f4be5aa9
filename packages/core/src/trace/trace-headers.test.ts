import { describe, expect, it } from 'vitest';
import type { DecisionTrace } from './decision-trace.js';
import { traceHeaders } from './trace-headers.js';

function trace(overrides: Partial<DecisionTrace> = {}): DecisionTrace {
  return {
    callId: 'abc-1',
    route: 'smart',
    operation: 'generate',
    strategy: 'priority',
    startedAt: 0,
    durationMs: 12,
    outcome: 'success',
    target: 'haiku',
    candidates: [],
    attempts: [
      {
        attempt: 1,
        target: 'mini',
        provider: 'openai',
        model: 'm',
        outcome: 'error',
        durationMs: 3,
      },
      {
        attempt: 2,
        target: 'haiku',
        provider: 'anthropic',
        model: 'h',
        outcome: 'success',
        durationMs: 9,
      },
    ],
    ...overrides,
  };
}

describe('traceHeaders', () => {
  it('names the route, call id, attempt count and the target that answered', () => {
    expect(traceHeaders(trace())).toEqual({
      'x-modelmux-route': 'smart',
      'x-modelmux-call-id': 'abc-1',
      'x-modelmux-attempts': '2',
      'x-modelmux-target': 'haiku',
    });
  });

  it('leaves out the target when none answered', () => {
    expect(traceHeaders(trace({ target: undefined, outcome: 'failed' }))).not.toHaveProperty(
      'x-modelmux-target',
    );
  });

  it('percent-encodes what a header value cannot hold', () => {
    const headers = traceHeaders(trace({ route: 'büro\r\nx: 1', target: '50%' }));
    expect(headers['x-modelmux-route']).toBe('b%C3%BCro%0D%0Ax: 1');
    expect(headers['x-modelmux-target']).toBe('50%25');
  });
});
