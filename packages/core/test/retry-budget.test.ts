import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import type { RouterOptions } from '../src/options/router-options.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';

// At 100% 503s every call wants maxAttempts attempts; the retry budget keeps the upstream
// attempts near (1 + ratio) x calls plus its floor. The clock is frozen, so every call falls in
// one window; the breaker is set out of reach so only the budget limits the attempts.
const breakerOff = { consecutiveFailures: 1_000_000, minimumCalls: 1_000_000 };
const noBackoff = { maxAttempts: 3, backoff: { baseMs: 0, maxMs: 0 } };

async function allDown(options: Partial<RouterOptions> = {}, route: object = {}) {
  const first = await fakeTarget('openai', 'first', { defaultReply: { status: 503 } });
  const second = await fakeTarget('anthropic', 'second', { defaultReply: { status: 503 } });
  const router = createRouter({
    targets: [first.target, second.target],
    routes: { main: { targets: ['first', 'second'], retry: noBackoff, ...route } },
    breaker: breakerOff,
    clock: createFakeClock(),
    ...options,
  });
  const upstreamAttempts = () => first.server.requests.length + second.server.requests.length;
  const call = () =>
    generateText({ model: router.model('main'), prompt: 'hi' }).then(
      () => undefined,
      (error: unknown) => error as AllTargetsFailedError,
    );
  return { router, upstreamAttempts, call };
}

describe('the retry budget at 100% 503s', () => {
  it('keeps upstream attempts within 1.2x calls plus the floor', async () => {
    const { router, upstreamAttempts, call } = await allDown({
      retryBudget: { ratio: 0.2, minRetriesPerSecond: 0.5, windowMs: 10_000 },
    });
    const errors: AllTargetsFailedError[] = [];
    for (let index = 0; index < 100; index += 1)
      errors.push((await call()) as AllTargetsFailedError);

    const attempts = upstreamAttempts();
    expect(attempts).toBeLessThanOrEqual(1.2 * 100 + 5);
    expect(attempts).toBeGreaterThanOrEqual(1.2 * 100);
    expect(errors.every((error) => AllTargetsFailedError.isInstance(error))).toBe(true);
    // The last call was refused its retry: the trace and the error say why.
    const last = errors.at(-1) as AllTargetsFailedError;
    expect(last.attempts).toHaveLength(1);
    expect(last.attempts[0]).toMatchObject({
      next: 'give-up',
      giveUp: { reason: 'retry-budget' },
    });
    expect(last.attempts[0]?.giveUp?.message).toMatch(
      /^retry budget spent: 2\d failed retries for 100 calls/,
    );
    expect(last.message).toContain('It was not retried: retry budget spent');
    expect(router.stats().retryBudgets).toEqual({
      router: {
        ratio: 0.2,
        minRetriesPerSecond: 0.5,
        windowMs: 10_000,
        calls: 100,
        retries: attempts - 100,
        available: 0,
        denied: expect.any(Number),
      },
      routes: {},
    });
    expect(router.stats().retryBudgets.router?.denied).toBeGreaterThan(50);
  });

  it('is on by default: 0.2 of the calls plus 5 per second of a 10 s window', async () => {
    const { router, upstreamAttempts, call } = await allDown();
    for (let index = 0; index < 100; index += 1) await call();

    expect(upstreamAttempts()).toBeLessThanOrEqual(1.2 * 100 + 50);
    expect(router.stats().retryBudgets.router).toMatchObject({
      ratio: 0.2,
      minRetriesPerSecond: 5,
      windowMs: 10_000,
      calls: 100,
    });
  });

  it('gives every call maxAttempts when turned off', async () => {
    const { router, upstreamAttempts, call } = await allDown({ retryBudget: false });
    const error = (await call()) as AllTargetsFailedError;
    for (let index = 1; index < 20; index += 1) await call();

    expect(upstreamAttempts()).toBe(60);
    expect(error.attempts.at(-1)?.giveUp).toEqual({
      reason: 'max-attempts',
      message: 'retry.maxAttempts (3) reached',
    });
    expect(router.stats().retryBudgets).toEqual({ routes: {} });
  });

  it("lets a route keep its own budget, or none, apart from the router's", async () => {
    const { router, upstreamAttempts, call } = await allDown(
      { retryBudget: { ratio: 0, minRetriesPerSecond: 0 } },
      { retryBudget: { minRetriesPerSecond: 0.2 } },
    );
    for (let index = 0; index < 5; index += 1) await call();

    // Its own floor, 0.2/s x 10 s = 2 retries (both spent by the first call), whatever the
    // router's says; the four calls after it are refused theirs.
    expect(upstreamAttempts()).toBe(5 + 2);
    expect(router.stats().retryBudgets).toEqual({
      router: expect.objectContaining({ calls: 0, retries: 0 }),
      routes: { main: expect.objectContaining({ calls: 5, retries: 2, denied: 4 }) },
    });
  });

  it('never refuses a fail-over that succeeds: 30% failures on one target, all 200 calls answered', async () => {
    const flaky = await fakeTarget('openai', 'flaky', {
      faults: [{ reply: { status: 503 }, rate: 0.3, seed: 11 }],
    });
    const spare = await fakeTarget('anthropic', 'spare');
    const router = createRouter({
      targets: [flaky.target, spare.target],
      routes: { main: { targets: ['flaky', 'spare'] } },
      breaker: breakerOff,
      retryBudget: { ratio: 0.1, minRetriesPerSecond: 0 },
      clock: createFakeClock(),
    });
    let answered = 0;
    for (let index = 0; index < 200; index += 1) {
      const { text } = await generateText({ model: router.model('main'), prompt: 'hi' });
      if (text === 'echo: hi') answered += 1;
    }
    const failedOver = spare.server.requests.length;

    expect(answered).toBe(200);
    expect(failedOver).toBeGreaterThan(0.2 * 200); // more than the ratio would allow
    expect(router.stats().retryBudgets.router).toMatchObject({ calls: 200, retries: 0, denied: 0 });
  });

  it('does not charge a fail-over for a target unfit for the call (context length)', async () => {
    const long = await fakeTarget('openai', 'short-context', {
      defaultReply: { status: 400, error: 'context-length-exceeded' },
    });
    const spare = await fakeTarget('anthropic', 'spare');
    const router = createRouter({
      targets: [long.target, spare.target],
      routes: { main: { targets: ['short-context', 'spare'] } },
      retryBudget: { ratio: 0, minRetriesPerSecond: 0 },
      clock: createFakeClock(),
    });

    const { text } = await generateText({ model: router.model('main'), prompt: 'hi' });

    expect(text).toBe('echo: hi');
    expect(router.stats().retryBudgets.router).toMatchObject({ retries: 0, denied: 0 });
  });
});
