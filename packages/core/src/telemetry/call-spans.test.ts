import { type SpanOptions, type Tracer, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createRouterEvents } from '../trace/router-events.js';
import { attachCallSpans } from './call-spans.js';

/** The global tracer with no SDK registered (the API's no-op), counting the spans asked for. */
function countingNoopTracer(): Tracer & { started: string[] } {
  const noop = trace.getTracerProvider().getTracer('test');
  const started: string[] = [];
  return {
    started,
    startSpan(name: string, options?: SpanOptions, context?: Parameters<Tracer['startSpan']>[2]) {
      started.push(name);
      return noop.startSpan(name, options, context);
    },
    startActiveSpan: noop.startActiveSpan.bind(noop) as Tracer['startActiveSpan'],
  };
}

describe('attachCallSpans', () => {
  it('with no SDK registered, one no-op span per call and none per attempt', () => {
    const events = createRouterEvents((error) => {
      throw error;
    });
    const tracer = countingNoopTracer();
    attachCallSpans(events, { tracer, targets: new Map() });
    const call = {
      callId: 'c-1',
      route: 'main',
      operation: 'generate',
      strategy: 'priority',
    } as const;
    events.emit('call-start', { ...call, startedAt: 0 });
    const attempt = { callId: 'c-1', route: 'main', target: 'a', provider: 'openai', model: 'm' };
    events.emit('attempt-start', { ...attempt, attempt: 1 });
    events.emit('attempt-end', { ...attempt, attempt: 1, outcome: 'success', durationMs: 1 });
    events.emit('decision', {
      ...call,
      startedAt: 0,
      durationMs: 1,
      outcome: 'success',
      candidates: [],
      attempts: [],
    });
    expect(tracer.started).toEqual(['chat main']);
  });
});
