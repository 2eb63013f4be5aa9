import { createOpenAI } from '@ai-sdk/openai';
import { type FakeServerOptions, startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter, type Router } from '../src/create-router.js';
import { RequestRejectedError } from '../src/errors/request-rejected-error.js';
import type {
  BreakerOptions,
  TargetOptions,
  TimeoutOptions,
} from '../src/options/router-options.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import type { HealthEvent } from '../src/trace/router-events.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';

const breaker = {
  consecutiveFailures: 3,
  cooldownMs: 1_000,
  maxCooldownMs: 8_000,
  halfOpenProbes: 1,
} satisfies BreakerOptions;

/** Route 'main': primary (OpenAI) then secondary (Anthropic), on a fake clock. */
async function primaryFirst({
  primary: primaryServer = {},
  primaryTarget,
  breakerOptions = breaker,
  timeouts,
}: {
  primary?: FakeServerOptions;
  primaryTarget?: TargetOptions;
  breakerOptions?: BreakerOptions;
  timeouts?: TimeoutOptions;
}) {
  const primary = await fakeTarget('openai', 'primary', primaryServer);
  const secondary = await fakeTarget('anthropic', 'secondary');
  const clock = createFakeClock();
  const router = createRouter({
    targets: [primaryTarget ?? primary.target, secondary.target],
    routes: { main: { targets: ['primary', 'secondary'], ...(timeouts ? { timeouts } : {}) } },
    breaker: breakerOptions,
    clock,
  });
  const events: HealthEvent[] = [];
  router.on('breaker-open', (event) => events.push(event));
  const closes: HealthEvent[] = [];
  router.on('breaker-close', (event) => closes.push(event));
  return { primary: primary.server, secondary: secondary.server, clock, router, events, closes };
}

async function call(router: Router, signal?: AbortSignal): Promise<DecisionTrace> {
  const result = await generateText({
    model: router.model('main'),
    prompt: 'hi',
    ...(signal ? { abortSignal: signal } : {}),
  });
  return result.providerMetadata?.modelmux as unknown as DecisionTrace;
}

describe('circuit breaker over real HTTP', () => {
  it('lets at most halfOpenProbes requests reach a down primary per open period over 200 calls, then uses it again within one period of its recovery', async () => {
    const { primary, secondary, clock, router, events, closes } = await primaryFirst({
      primary: { faults: [{ reply: { status: 503 } }] },
    });
    const perBatch: number[] = [];
    const probeTraces: DecisionTrace[] = [];
    for (let batch = 0; batch < 40; batch += 1) {
      const before = primary.requests.length;
      for (let index = 0; index < 5; index += 1) {
        const trace = await call(router);
        expect(trace.target).toBe('secondary');
        if (trace.attempts[0]?.probe) probeTraces.push(trace);
      }
      perBatch.push(primary.requests.length - before);
      clock.advance(breaker.cooldownMs);
    }
    // Three 503s in a row trip it; then one probe each time the open period has run out. The
    // period doubles per failed probe (1, 2, 4, 8 s) and stays at maxCooldownMs (8 s).
    const probeBatches = [1, 3, 7, 15, 23, 31, 39];
    expect(perBatch).toEqual(
      perBatch.map((_, batch) => (batch === 0 ? 3 : probeBatches.includes(batch) ? 1 : 0)),
    );
    expect(Math.max(...perBatch.slice(1))).toBeLessThanOrEqual(breaker.halfOpenProbes);
    expect(events.map((event) => (event.until as number) - event.at)).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000, 8_000,
    ]);
    expect(events.map((event) => event.reason)).toEqual([
      'consecutive-failures',
      ...Array.from({ length: 7 }, () => 'probe-failed'),
    ]);
    expect([primary.requests.length, secondary.requests.length, probeTraces.length]).toEqual([
      10, 200, 7,
    ]);
    expect(probeTraces[0]?.attempts).toMatchObject([
      { target: 'primary', probe: true, status: 503, next: 'fail-over' },
      { target: 'secondary', outcome: 'success' },
    ]);
    // Calls between probes skip the primary at no cost, and the trace says why.
    const skipped = await call(router);
    expect([skipped.attempts.length, skipped.candidates[0]?.skipped?.code]).toEqual([
      1,
      'breaker-open',
    ]);

    primary.clearFaults();
    const health = router.stats().targets.primary?.health;
    expect(health?.state).toBe('open');
    clock.advance((health?.openUntil as number) - clock.now());
    const recovered: DecisionTrace[] = [];
    for (let index = 0; index < 5; index += 1) recovered.push(await call(router));
    expect(recovered.map((trace) => trace.target)).toEqual(Array(5).fill('primary'));
    expect(recovered[0]?.attempts).toMatchObject([{ target: 'primary', probe: true }]);
    expect([closes.length, router.stats().targets.primary?.health.state]).toEqual([1, 'closed']);
    expect([primary.requests.length, secondary.requests.length]).toEqual([15, 201]);
  });

  it('lets exactly halfOpenProbes concurrent probes through while half-open; the rest skip it', async () => {
    const { primary, secondary, clock, router, events } = await primaryFirst({
      // Three 503s trip it; the two probes hang until the attempt timer (fake clock) fires.
      primary: {
        replies: [
          { status: 503 },
          { status: 503 },
          { status: 503 },
          { fault: 'hang' },
          { fault: 'hang' },
        ],
      },
      breakerOptions: { ...breaker, halfOpenProbes: 2 },
      timeouts: { attemptMs: 1_500 },
    });
    for (let index = 0; index < 3; index += 1) await call(router);
    clock.advance(breaker.cooldownMs);
    const first = call(router);
    await primary.waitForRequests(4);
    const second = call(router);
    await primary.waitForRequests(5);
    const others = await Promise.all([call(router), call(router), call(router), call(router)]);
    expect(others.map((trace) => [trace.target, trace.candidates[0]?.skipped?.code])).toEqual(
      Array(4).fill(['secondary', 'half-open-busy']),
    );
    clock.advance(1_500);
    const probes = await Promise.all([first, second]);
    expect(probes.map((trace) => trace.attempts)).toMatchObject([
      [
        { target: 'primary', probe: true, reason: 'timeout' },
        { target: 'secondary', outcome: 'success' },
      ],
      [
        { target: 'primary', probe: true, reason: 'timeout' },
        { target: 'secondary', outcome: 'success' },
      ],
    ]);
    // One failed probe re-opens the breaker (period doubled); the other's result is moot.
    expect(events.map((event) => [event.reason, (event.until as number) - event.at])).toEqual([
      ['consecutive-failures', 1_000],
      ['probe-failed', 2_000],
    ]);
    expect([primary.requests.length, secondary.requests.length]).toEqual([5, 9]);
  });

  it('gives up the slot of a probe that hangs after twice cooldownMs, so the breaker cannot wedge', async () => {
    const { primary, clock, router, closes } = await primaryFirst({
      primary: { replies: [{ status: 503 }, { status: 503 }, { status: 503 }, { fault: 'hang' }] },
      // No attempt timer and no deadline: only the probe slot's expiry can free the target.
      timeouts: { attemptMs: Infinity, firstChunkMs: Infinity, deadlineMs: Infinity },
    });
    for (let index = 0; index < 3; index += 1) await call(router);
    clock.advance(breaker.cooldownMs);
    const probeStartedAt = clock.now();
    const controller = new AbortController();
    const hung = call(router, controller.signal);
    await primary.waitForRequests(4);

    const busy = await call(router);
    expect([busy.target, busy.candidates[0]?.skipped]).toEqual([
      'secondary',
      {
        code: 'half-open-busy',
        message: 'breaker half-open; its probe is in flight',
        until: probeStartedAt + 2 * breaker.cooldownMs,
      },
    ]);
    clock.advance(2 * breaker.cooldownMs - 1);
    expect((await call(router)).target).toBe('secondary');
    clock.advance(1);
    const freed = await call(router);
    expect([freed.target, freed.attempts[0]?.probe, closes.length]).toEqual(['primary', true, 1]);
    expect(primary.requests.length).toBe(5);

    controller.abort();
    await expect(hung).rejects.toThrow();
    expect((await primary.waitForClose(4)).outcome).toBe('client-closed');
    // The hung probe's late end (an abort) does not move the breaker it no longer decides.
    expect(router.stats().targets.primary?.health.state).toBe('closed');
  });

  it('does not trip on fallback-only errors (context length, content policy)', async () => {
    const replies = Array.from({ length: 10 }, (_, index) => ({
      error: index % 2 === 0 ? ('context-length-exceeded' as const) : ('content-policy' as const),
    }));
    const { primary, secondary, router, events } = await primaryFirst({ primary: { replies } });
    const traces: DecisionTrace[] = [];
    for (let index = 0; index < 10; index += 1) traces.push(await call(router));
    expect(traces.map((trace) => trace.attempts[0]?.reason)).toEqual(
      Array.from({ length: 10 }, (_, index) =>
        index % 2 === 0 ? 'context-length' : 'content-policy',
      ),
    );
    expect(traces.every((trace) => trace.attempts[0]?.errorClass === 'fallback-only')).toBe(true);
    const health = router.stats().targets.primary?.health;
    expect([
      primary.requests.length,
      secondary.requests.length,
      events.length,
      health?.state,
      health?.consecutiveFailures,
    ]).toEqual([10, 10, 0, 'closed', 0]);
  });

  it('does not trip on caller errors: a wrong key on the primary rejects each call at once', async () => {
    const server = await startFakeOpenAI({ apiKey: 'primary-key' });
    onTestFinished(() => server.close());
    const primaryTarget: TargetOptions = {
      id: 'primary',
      model: createOpenAI({ baseURL: server.baseURL, apiKey: 'wrong-key' }).chat('gpt-4.1-mini'),
    };
    const { secondary, router, events } = await primaryFirst({ primaryTarget });
    for (let index = 0; index < 10; index += 1) {
      const error = await call(router).catch((caught: unknown) => caught);
      expect(RequestRejectedError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ target: 'primary', status: 401, reason: 'unauthorized' });
    }
    // Not retried by the router nor by the AI SDK (maxRetries 2): one request per call.
    const health = router.stats().targets.primary?.health;
    expect([
      server.requests.length,
      secondary.requests.length,
      events.length,
      health?.state,
      health?.consecutiveFailures,
    ]).toEqual([10, 0, 0, 'closed', 0]);
  });
});
