import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { Reply } from '@modelmux/testkit';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget } from './support/providers.js';

// The caller's AbortSignal ends the routed call at once: the upstream request is aborted (the
// testkit sees its client close the connection), no other attempt starts, the caller gets the
// abort reason, and the target's breaker does not count an abort against it.

/** How soon after the abort the upstream must see its connection close. */
const closeWithinMs = 100;

async function routeWithBusyFirst(reply: Reply) {
  const openai = await fakeTarget('openai', 'openai', { replies: [reply] });
  const anthropic = await fakeTarget('anthropic', 'anthropic');
  const gemini = await fakeTarget('gemini', 'gemini');
  const traces: DecisionTrace[] = [];
  const router = createRouter({
    targets: [openai.target, anthropic.target, gemini.target],
    routes: { main: { targets: ['openai', 'anthropic', 'gemini'] } },
    onDecision: (trace) => traces.push(trace),
  });
  return { router, openai, others: [anthropic, gemini], traces };
}

type Setup = Awaited<ReturnType<typeof routeWithBusyFirst>>;

/** Everything an abort must leave behind, whatever the call. */
async function expectCleanAbort(setup: Setup, abortedAt: number) {
  const entry = await setup.openai.server.waitForClose(1);
  expect(entry.outcome).toBe('client-closed');
  expect((entry.closedAt as number) - abortedAt).toBeLessThan(closeWithinMs);
  expect(setup.openai.server.requests).toHaveLength(1);
  expect(setup.others.map((target) => target.server.requests.length)).toEqual([0, 0]);
  const { health, failures } = setup.router.stats().targets.openai ?? {};
  expect(health).toMatchObject({ state: 'closed', consecutiveFailures: 0, trips: 0, inFlight: 0 });
  expect(failures).toBe(0);
  expect(setup.router.stats().routes.main).toMatchObject({ calls: 1, successes: 0, failures: 0 });
  expect(setup.traces).toHaveLength(1);
  const trace = setup.traces[0] as DecisionTrace;
  expect(trace.outcome).toBe('aborted');
  expect(trace.attempts).toEqual([
    expect.objectContaining({
      target: 'openai',
      outcome: 'aborted',
      errorClass: 'aborted',
      next: 'stop',
    }),
  ]);
}

describe('generateText', () => {
  it('aborts a hung upstream request at once and rejects with the abort reason', async () => {
    const setup = await routeWithBusyFirst({ fault: 'hang' });
    const controller = new AbortController();
    const call = generateText({
      model: setup.router.model('main'),
      prompt: 'hi',
      abortSignal: controller.signal,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );

    await setup.openai.server.waitForRequests(1);
    const abortedAt = performance.now();
    controller.abort();
    const error = await call;

    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    await expectCleanAbort(setup, abortedAt);
  });

  it('aborts through a request-bound client signal (what adapters pass) the same way', async () => {
    const setup = await routeWithBusyFirst({ fault: 'hang' });
    const controller = new AbortController();
    const client = setup.router.createClient({ signal: controller.signal });
    const call = generateText({ model: client.model('main'), prompt: 'hi' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    await setup.openai.server.waitForRequests(1);
    const abortedAt = performance.now();
    const reason = new DOMException('The client went away.', 'AbortError');
    controller.abort(reason);

    expect(await call).toBe(reason);
    await expectCleanAbort(setup, abortedAt);
  });
});

describe('streamText', () => {
  /** Reads the full stream, aborting when `abortWhen` first holds; returns what it saw. */
  async function streamAndAbort(
    model: LanguageModelV4,
    abortWhen: (partType: string) => boolean,
    onStart: () => Promise<void> = async () => {},
  ) {
    const controller = new AbortController();
    const errors: unknown[] = [];
    const result = streamText({
      model,
      prompt: 'hi',
      abortSignal: controller.signal,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let abortedAt = 0;
    const abortNow = () => {
      abortedAt = performance.now();
      controller.abort();
    };
    const started = onStart().then(() => {
      if (abortedAt === 0 && abortWhen('request-arrived')) abortNow();
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      parts.push(part.type === 'text-delta' ? `text:${part.text}` : part.type);
      if (abortedAt === 0 && abortWhen(part.type)) abortNow();
    }
    await started;
    return { parts, errors, abortedAt };
  }

  it('aborts mid-stream, after the first delta: the upstream closes, nothing else is tried', async () => {
    const setup = await routeWithBusyFirst({
      text: 'one two three',
      chunks: 3,
      chunkDelayMs: 10_000,
    });

    const { parts, errors, abortedAt } = await streamAndAbort(
      setup.router.model('main'),
      (type) => type === 'text-delta',
    );

    // The delivered text stays; the stream ends with the SDK's abort part, not an error part.
    expect(parts.filter((part) => part.startsWith('text:'))).toEqual(['text:one ']);
    expect(parts.at(-1)).toBe('abort');
    expect(parts).not.toContain('error');
    expect(errors).toEqual([]);
    await expectCleanAbort(setup, abortedAt);
  });

  it('aborts before the first chunk: no fail-over starts', async () => {
    const setup = await routeWithBusyFirst({ fault: 'hang' });

    const { parts, errors, abortedAt } = await streamAndAbort(
      setup.router.model('main'),
      (type) => type === 'request-arrived',
      () => setup.openai.server.waitForRequests(1),
    );

    expect(parts.some((part) => part.startsWith('text:'))).toBe(false);
    expect(parts.at(-1)).toBe('abort');
    expect(errors).toEqual([]);
    await expectCleanAbort(setup, abortedAt);
  });
});
