import { type SpanOptions, type Tracer, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createRouterEvents } from '../trace/router-events.js';
import { attachCallSpans } from './call-spans.js';
import { liveTracer } from './live-tracer.js';

/** The API's no-op tracer, counting the spans asked for. */
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

/** One call with one successful attempt, as the router emits it. */
function emitCall(events: ReturnType<typeof createRouterEvents>): void {
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
}

const throwing = () =>
  createRouterEvents((error) => {
    throw error;
  });

describe('attachCallSpans', () => {
  it('with no SDK registered, the global provider yields no tracer: no span at all', () => {
    expect(liveTracer(trace.getTracerProvider(), '@modelmux/core')()).toBeUndefined();
  });

  it('a span that does not record (sampled out) keeps nothing: no attempt span under it', () => {
    const events = throwing();
    const tracer = countingNoopTracer();
    attachCallSpans(events, { tracer: () => tracer, targets: new Map() });
    emitCall(events);
    expect(tracer.started).toEqual(['chat main']);
  });
});
