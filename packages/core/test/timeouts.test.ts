import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { Reply } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import { StreamInterruptedError } from '../src/errors/stream-interrupted-error.js';
import type { RouteOptions } from '../src/options/router-options.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { type CallMode, callRoute, readStream } from './support/route-call.js';

// The router's own timers bound every wait: before the response headers, between the headers
// and the first content chunk (the AI SDK's timeout.firstChunkMs cannot be relied on there),
// per attempt, between chunks once content has started, and for the whole call.

const providers: ProviderName[] = ['openai', 'anthropic', 'gemini'];
/** A stall far longer than any limit below, so a passing test cannot be a slow success. */
const stallMs = 10_000;

/**
 * `first` stalls as `reply` says and runs on the route's timeouts; the other two answer. They
 * override the short route limits with generous ones of their own, so a loaded machine cannot
 * make a healthy answer time out too.
 */
async function stalledRoute(first: ProviderName, reply: Reply, route: Partial<RouteOptions>) {
  const others = providers.filter((name) => name !== first);
  const stalled = await fakeTarget(first, first, { replies: [reply] });
  const generous = { timeoutMs: 5_000, firstChunkTimeoutMs: 5_000, idleTimeoutMs: 5_000 };
  const healthy = await Promise.all(others.map((name) => fakeTarget(name, name, {}, generous)));
  const router = createRouter({
    targets: [stalled.target, ...healthy.map((target) => target.target)],
    routes: { main: { ...route, targets: [first, ...others] } },
  });
  return { router, stalled, healthy, second: others[0] as ProviderName };
}

describe.each(providers)('time to first token on %s', (provider) => {
  it.each([
    ['before the response headers', { latencyMs: stallMs }],
    ['between the headers and the first content chunk', { firstByteDelayMs: stallMs }],
  ] as const)('is bounded by firstChunkMs when the stall is %s', async (_stall, reply) => {
    const { router, stalled, healthy, second } = await stalledRoute(provider, reply, {
      timeouts: { firstChunkMs: 300 },
    });

    const startedAt = performance.now();
    const { text, trace } = await callRoute('stream', router.model('main'));
    const elapsedMs = performance.now() - startedAt;

    expect(text).toBe('echo: hi');
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
    expect(elapsedMs).toBeLessThan(stallMs / 2);
    expect(trace.attempts.map((attempt) => [attempt.target, attempt.outcome])).toEqual([
      [provider, 'error'],
      [second, 'success'],
    ]);
    expect(trace.attempts[0]).toMatchObject({
      errorClass: 'retryable-transient',
      reason: 'timeout',
      next: 'fail-over',
    });
    expect(trace.attempts[0]?.message).toContain('first-chunk timeout fired after 300 ms');
    expect(healthy.map((target) => target.server.requests.length)).toEqual([1, 0]);
    // The stalled request was given up on: its connection closed from the router's side.
    expect((await stalled.server.waitForClose(1)).outcome).toBe('client-closed');
  });
});

describe('per-attempt timeout (generate)', () => {
  it.each([
    ['before the response headers', { latencyMs: stallMs }],
    ['after the headers, before the body', { firstByteDelayMs: stallMs }],
  ] as const)('cuts an attempt stalled %s at attemptMs and fails over', async (_stall, reply) => {
    const { router, stalled, healthy } = await stalledRoute('openai', reply, {
      timeouts: { attemptMs: 300 },
    });

    const startedAt = performance.now();
    const { text, trace } = await callRoute('generate', router.model('main'));
    const elapsedMs = performance.now() - startedAt;

    expect(text).toBe('echo: hi');
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
    expect(elapsedMs).toBeLessThan(stallMs / 2);
    expect(trace.attempts.map((attempt) => [attempt.target, attempt.reason])).toEqual([
      ['openai', 'timeout'],
      ['anthropic', undefined],
    ]);
    expect(trace.attempts[0]?.message).toContain('attempt timeout fired after 300 ms');
    expect(healthy.map((target) => target.server.requests.length)).toEqual([1, 0]);
    expect((await stalled.server.waitForClose(1)).outcome).toBe('client-closed');
  });

  it('does not apply firstChunkMs to a generate call', async () => {
    const { router } = await stalledRoute(
      'openai',
      { latencyMs: 400 },
      {
        timeouts: { firstChunkMs: 50, attemptMs: stallMs },
      },
    );
    const { text, trace } = await callRoute('generate', router.model('main'));
    expect([text, trace.attempts.length, trace.target]).toEqual(['echo: hi', 1, 'openai']);
  });
});

describe('idle timeout once content has started (stream)', () => {
  it('ends the stream with an error part, delivers the partial text and tries no other target', async () => {
    const { router, stalled, healthy } = await stalledRoute(
      'openai',
      { text: 'one two three', chunks: 3, chunkDelayMs: 5_000 },
      { timeouts: { idleMs: 300 } },
    );

    const startedAt = performance.now();
    const { parts } = await readStream(router.model('main'));
    const elapsedMs = performance.now() - startedAt;

    const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
    const errors = parts.flatMap((part) => (part.type === 'error' ? [part.error] : []));
    const finish = parts.find((part) => part.type === 'finish');
    expect(text).toBe('one ');
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
    expect(elapsedMs).toBeLessThan(5_000);
    expect(errors).toHaveLength(1);
    expect(StreamInterruptedError.isInstance(errors[0])).toBe(true);
    const { trace } = errors[0] as StreamInterruptedError;
    expect(trace.outcome).toBe('interrupted');
    expect(trace.attempts).toEqual([
      expect.objectContaining({ target: 'openai', reason: 'timeout', next: 'stop' }),
    ]);
    expect(trace.attempts[0]?.message).toContain('idle timeout fired after 300 ms');
    expect(finish?.type === 'finish' && finish.finishReason).toBe('error');
    expect(healthy.map((target) => target.server.requests.length)).toEqual([0, 0]);
    expect((await stalled.server.waitForClose(1)).outcome).toBe('client-closed');
  });
});

describe.each(['generate', 'stream'] as CallMode[])('the overall deadline (%s)', (mode) => {
  // A budget of 3 ends with the attempt the deadline cut; with 6, no attempt may start after it.
  it.each([3, 6])(
    'holds within 50 ms when every target hangs (retry.maxAttempts %i)',
    async (maxAttempts) => {
      const hanging = await Promise.all(
        providers.map((name) => fakeTarget(name, name, { defaultReply: { fault: 'hang' } })),
      );
      const traces: DecisionTrace[] = [];
      const router = createRouter({
        targets: hanging.map((target) => target.target),
        // 200 ms attempts: the first two time out on their own, the deadline cuts the third.
        routes: {
          main: {
            targets: providers,
            retry: { maxAttempts, backoff: { baseMs: 1, maxMs: 5 } },
            timeouts: { attemptMs: 200, firstChunkMs: 200, deadlineMs: 500 },
          },
        },
        onDecision: (trace) => traces.push(trace),
      });

      const startedAt = performance.now();
      const error = await callOrError(mode, router.model('main'));
      const elapsedMs = performance.now() - startedAt;

      expect(AllTargetsFailedError.isInstance(error)).toBe(true);
      expect((error as AllTargetsFailedError).message).toContain('The call deadline passed.');
      expect(elapsedMs).toBeGreaterThanOrEqual(495);
      // The bound is 550 ms; 50 ms more absorbs a loaded 2-core CI machine.
      expect(elapsedMs).toBeLessThan(600);
      const attempts = (error as AllTargetsFailedError).attempts;
      expect(attempts.map((attempt) => [attempt.target, attempt.reason])).toEqual([
        ['openai', 'timeout'],
        ['anthropic', 'timeout'],
        ['gemini', 'timeout'],
      ]);
      expect(attempts[2]?.message).toContain('deadline timeout');
      expect(traces.map((trace) => trace.outcome)).toEqual(['failed']);
      expect(hanging.map((target) => target.server.requests.length)).toEqual([1, 1, 1]);
      const closed = await Promise.all(hanging.map((target) => target.server.waitForClose(1)));
      expect(closed.map((entry) => entry.outcome)).toEqual([
        'client-closed',
        'client-closed',
        'client-closed',
      ]);
    },
  );
});

/** The routed call's error as the app sees it: thrown (generate) or as the error part (stream). */
async function callOrError(mode: CallMode, model: LanguageModelV4): Promise<unknown> {
  try {
    await callRoute(mode, model);
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}
