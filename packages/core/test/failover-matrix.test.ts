import type { Reply } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { ErrorClass, ErrorReason } from '../src/errors/error-class.js';
import type { TargetOptions } from '../src/options/router-options.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { type CallMode, callRoute } from './support/route-call.js';

// Every fault of the testkit on the first target of a three-provider route, for generateText and
// streamText: the next provider answers, the caller sees its text, the trace says why.

const modes: CallMode[] = ['generate', 'stream'];
const routeOrder: ProviderName[] = ['openai', 'anthropic', 'gemini'];

interface FaultRow {
  fault: string;
  /** The route's order; the failing target leads it. */
  order: ProviderName[];
  /** What the first target answers, by mode. */
  reply: (mode: CallMode) => Reply;
  /** The failing target's own short timers (the others keep the defaults). */
  timers?: (mode: CallMode) => Partial<TargetOptions>;
  expected: { errorClass: ErrorClass; reason: ErrorReason; status: number | undefined };
  /** The router gave up on the request: the upstream saw its client close the connection. */
  upstreamClosedByRouter?: boolean;
}

// A hung or stalled first target is cut by its own timer; 300 ms keeps the test fast and far
// from the stall (10 s), so a loaded machine cannot blur the two.
const shortTimers = (mode: CallMode): Partial<TargetOptions> =>
  mode === 'generate' ? { timeoutMs: 300 } : { firstChunkTimeoutMs: 300 };

const rows: FaultRow[] = [
  {
    fault: '500',
    order: routeOrder,
    reply: () => ({ status: 500 }),
    expected: { errorClass: 'retryable-transient', reason: 'server-error', status: 500 },
  },
  {
    // OpenAI's 503 body reads "The server is overloaded or not ready yet.": classified as such.
    fault: '503',
    order: routeOrder,
    reply: () => ({ status: 503 }),
    expected: { errorClass: 'retryable-transient', reason: 'overloaded', status: 503 },
  },
  {
    // Anthropic is the provider that answers 529 overloaded_error, so it leads this route.
    fault: '529 overloaded',
    order: ['anthropic', 'openai', 'gemini'],
    reply: () => ({ error: 'overloaded' }),
    expected: { errorClass: 'retryable-transient', reason: 'overloaded', status: 529 },
  },
  {
    fault: 'connection reset before the response',
    order: routeOrder,
    reply: () => ({ fault: 'reset' }),
    expected: { errorClass: 'retryable-transient', reason: 'network', status: undefined },
  },
  {
    fault: 'hang',
    order: routeOrder,
    reply: () => ({ fault: 'hang' }),
    timers: shortTimers,
    expected: { errorClass: 'retryable-transient', reason: 'timeout', status: undefined },
    upstreamClosedByRouter: true,
  },
  {
    fault: 'slow first byte',
    order: routeOrder,
    reply: () => ({ firstByteDelayMs: 10_000 }),
    timers: shortTimers,
    // The headers (200) arrived before the stall; the timer fired while the body was awaited.
    expected: { errorClass: 'retryable-transient', reason: 'timeout', status: undefined },
    upstreamClosedByRouter: true,
  },
  {
    // 200 headers, then the connection resets before any content: a stream's first chunk
    // never comes; a JSON body is cut in half.
    fault: 'break before the first chunk',
    order: routeOrder,
    reply: () => ({ resetAfterChunks: 0 }),
    expected: { errorClass: 'retryable-transient', reason: 'stream-broken', status: 200 },
  },
];

const cases = rows.flatMap((row) => modes.map((mode) => ({ ...row, mode })));

describe.each(cases)('a $fault on the first target ($mode)', (row) => {
  const [first, second, third] = row.order as [ProviderName, ProviderName, ProviderName];

  it(`fails over to ${second} at once and answers with its text`, async () => {
    const failing = await fakeTarget(
      first,
      first,
      { replies: [row.reply(row.mode)] },
      row.timers?.(row.mode),
    );
    const answering = await fakeTarget(second, second);
    const spare = await fakeTarget(third, third);
    const router = createRouter({
      targets: [failing.target, answering.target, spare.target],
      routes: { main: { targets: [...row.order] } },
    });

    const { text, trace } = await callRoute(row.mode, router.model('main'));

    expect(text).toBe('echo: hi');
    expect([
      failing.server.requests.length,
      answering.server.requests.length,
      spare.server.requests.length,
    ]).toEqual([1, 1, 0]);
    expect(trace.outcome).toBe('success');
    expect(trace.target).toBe(second);
    expect(trace.operation).toBe(row.mode);
    expect(trace.candidates.map((candidate) => candidate.target)).toEqual(row.order);
    expect(trace.candidates.every((candidate) => candidate.skipped === undefined)).toBe(true);
    expect(trace.attempts).toHaveLength(2);
    expect(trace.attempts[0]).toMatchObject({
      attempt: 1,
      target: first,
      outcome: 'error',
      errorClass: row.expected.errorClass,
      reason: row.expected.reason,
      next: 'fail-over',
    });
    expect(trace.attempts[0]?.status).toBe(row.expected.status);
    expect(trace.attempts[1]).toMatchObject({ attempt: 2, target: second, outcome: 'success' });
    if (row.upstreamClosedByRouter) {
      const closed = await failing.server.waitForClose(1);
      expect(closed.outcome).toBe('client-closed');
    }
  });
});

describe.each(modes)('a 429 with Retry-After: 30 on the first target (%s)', (mode) => {
  it('fails over at once, then skips the cooling target until Retry-After has passed', async () => {
    const clock = createFakeClock();
    const openai = await fakeTarget('openai', 'openai', {
      replies: [{ status: 429, retryAfterS: 30 }],
    });
    const anthropic = await fakeTarget('anthropic', 'anthropic');
    const gemini = await fakeTarget('gemini', 'gemini');
    const router = createRouter({
      targets: [openai.target, anthropic.target, gemini.target],
      routes: { main: { targets: routeOrder } },
      clock,
    });

    const first = await callRoute(mode, router.model('main'));
    expect(first.text).toBe('echo: hi');
    expect(first.trace.attempts[0]).toMatchObject({
      target: 'openai',
      outcome: 'error',
      errorClass: 'rate-limited',
      reason: 'rate-limited',
      status: 429,
      next: 'fail-over',
    });
    expect(first.trace.attempts[1]).toMatchObject({ target: 'anthropic', outcome: 'success' });
    expect(first.trace.outcome).toBe('success');
    expect(router.stats().targets.openai?.health.coolUntil).toBe(clock.now() + 30_000);

    clock.advance(29_000);
    const second = await callRoute(mode, router.model('main'));
    expect(second.trace.candidates.map((candidate) => candidate.target)).toEqual(routeOrder);
    expect(second.trace.candidates[0]?.skipped).toMatchObject({ code: 'cooling-down' });
    expect(second.trace.attempts.map((attempt) => [attempt.target, attempt.outcome])).toEqual([
      ['anthropic', 'success'],
    ]);

    clock.advance(1_000);
    const third = await callRoute(mode, router.model('main'));
    expect(third.trace.attempts.map((attempt) => [attempt.target, attempt.outcome])).toEqual([
      ['openai', 'success'],
    ]);
    expect([
      openai.server.requests.length,
      anthropic.server.requests.length,
      gemini.server.requests.length,
    ]).toEqual([2, 2, 0]);
  });
});

describe.each(modes)('the first two targets fail (%s)', (mode) => {
  it('goes on to the third provider, Gemini, which answers', async () => {
    const openai = await fakeTarget('openai', 'openai', { replies: [{ status: 503 }] });
    const anthropic = await fakeTarget('anthropic', 'anthropic', {
      replies: [{ error: 'overloaded' }],
    });
    const gemini = await fakeTarget('gemini', 'gemini');
    const router = createRouter({
      targets: [openai.target, anthropic.target, gemini.target],
      routes: { main: { targets: routeOrder } },
    });

    const { text, trace } = await callRoute(mode, router.model('main'));

    expect(text).toBe('echo: hi');
    expect([
      openai.server.requests.length,
      anthropic.server.requests.length,
      gemini.server.requests.length,
    ]).toEqual([1, 1, 1]);
    expect(trace.outcome).toBe('success');
    expect(trace.target).toBe('gemini');
    expect(
      trace.attempts.map((attempt) => [attempt.target, attempt.outcome, attempt.status]),
    ).toEqual([
      ['openai', 'error', 503],
      ['anthropic', 'error', 529],
      ['gemini', 'success', undefined],
    ]);
    expect(trace.attempts.map((attempt) => attempt.next)).toEqual([
      'fail-over',
      'fail-over',
      undefined,
    ]);
  });
});
