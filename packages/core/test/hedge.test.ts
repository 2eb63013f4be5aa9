import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { RouteOptions } from '../src/options/router-options.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { controlledModel } from './support/controlled-model.js';
import { createFakeClock } from './support/fake-clock.js';

// The hedging engine on an injected clock: models that answer when the test says, so every
// order of events (hedge fires, who delivers first, failures, budget) is exact and instant.

const prompt: LanguageModelV4CallOptions['prompt'] = [
  { role: 'user', content: [{ type: 'text', text: 'hello there' }] },
];
const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 2 };

/** Lets the router's promise chains run (no time passes on the fake clock). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

function setup(route: Partial<RouteOptions> = {}) {
  const clock = createFakeClock();
  const a = controlledModel('a');
  const b = controlledModel('b');
  const traces: DecisionTrace[] = [];
  const router = createRouter({
    targets: [
      { id: 'a', model: a, price },
      { id: 'b', model: b, price },
    ],
    routes: {
      main: { targets: ['a', 'b'], hedge: { afterMs: 200 }, ...route },
    },
    clock,
    random: () => 0.5,
    onDecision: (trace) => traces.push(trace),
  });
  return { clock, a, b, router, traces, model: router.model('main') };
}

function traceOf(metadata: unknown): DecisionTrace {
  return (metadata as { modelmux: DecisionTrace }).modelmux;
}

describe('hedging', () => {
  it('starts the next target after afterMs without content; the first to deliver wins, the other is cancelled', async () => {
    const { clock, a, b, model, router } = setup();
    const call = model.doGenerate({ prompt });
    await settle();
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
    clock.advance(199);
    await settle();
    expect(b.calls.length).toBe(0);
    clock.advance(1);
    await settle();
    expect(b.calls.length).toBe(1);
    clock.advance(50);
    b.calls[0]?.answer();
    const result = await call;

    expect(result.content).toEqual([{ type: 'text', text: 'from b' }]);
    expect(a.calls[0]?.aborted()).toBe(true);
    const trace = traceOf(result.providerMetadata);
    expect(trace.hedge).toEqual({ afterMs: 200, target: 'b', winner: 'b' });
    expect(trace.target).toBe('b');
    expect(trace.attempts).toEqual([
      expect.objectContaining({
        target: 'a',
        outcome: 'aborted',
        hedgeLost: true,
        durationMs: 250,
        usageEstimated: true,
      }),
      expect.objectContaining({ target: 'b', outcome: 'success', hedge: true, durationMs: 50 }),
    ]);
    // The loser's prompt is billed as an estimate; the winner's usage is the provider's.
    const loser = trace.attempts[0];
    expect(loser?.usage?.outputTokens).toBe(0);
    expect(loser?.costUsd).toBeCloseTo(((loser?.usage?.inputTokens ?? 0) * 1) / 1e6);
    expect(trace.costUsd).toBeCloseTo((loser?.costUsd ?? 0) + (10 * 1 + 5 * 2) / 1e6);
    // The loss is a lower-bound sample: a (250 ms without an answer) now looks slower than b.
    expect(router.stats().targets.a?.health).toMatchObject({ latencyMs: 250, inFlight: 0 });
  });

  it('does not hedge an attempt that delivers before afterMs', async () => {
    const { clock, a, b, model } = setup();
    const call = model.doGenerate({ prompt });
    await settle();
    clock.advance(150);
    a.calls[0]?.answer();
    const result = await call;
    clock.advance(1_000);
    await settle();
    expect(b.calls.length).toBe(0);
    expect(traceOf(result.providerMetadata).hedge).toBeUndefined();
  });

  it('keeps the first attempt when it delivers after the hedge started, and cancels the hedge', async () => {
    const { clock, a, b, model } = setup();
    const call = model.doGenerate({ prompt });
    await settle();
    clock.advance(200);
    await settle();
    clock.advance(30);
    a.calls[0]?.answer();
    const trace = traceOf((await call).providerMetadata);
    expect(b.calls[0]?.aborted()).toBe(true);
    expect(trace.hedge).toEqual({ afterMs: 200, target: 'b', winner: 'a' });
    expect(trace.attempts.map((entry) => [entry.target, entry.outcome, entry.hedgeLost])).toEqual([
      ['a', 'success', undefined],
      ['b', 'aborted', true],
    ]);
  });

  it('never hedges a stream once content has started', async () => {
    const { clock, a, b, model } = setup();
    const opening = model.doStream({ prompt });
    await settle();
    clock.advance(100);
    a.calls[0]?.answer('first words');
    const { stream } = await opening;
    clock.advance(5_000);
    await settle();
    expect(b.calls.length).toBe(0);
    const parts = [];
    for await (const part of stream) parts.push(part);
    expect(parts.some((part) => part.type === 'text-delta' && part.delta === 'first words')).toBe(
      true,
    );
  });

  it('hedges a stream whose first content is late; the hedge streams and the first is cancelled', async () => {
    const { clock, a, b, model } = setup();
    const opening = model.doStream({ prompt });
    await settle();
    clock.advance(200);
    await settle();
    b.calls[0]?.answer('hedged');
    const { stream } = await opening;
    const parts = [];
    for await (const part of stream) parts.push(part);
    expect(a.calls[0]?.aborted()).toBe(true);
    const finish = parts.find((part) => part.type === 'finish');
    const trace = traceOf(finish?.type === 'finish' ? finish.providerMetadata : undefined);
    expect(trace.hedge?.winner).toBe('b');
    expect(trace.attempts[0]).toMatchObject({ target: 'a', outcome: 'aborted', hedgeLost: true });
    expect(trace.attempts[1]).toMatchObject({ target: 'b', hedge: true, outcome: 'success' });
  });

  it('keeps waiting for the hedge when the first attempt fails during the race', async () => {
    const { clock, a, b, model } = setup();
    const call = model.doGenerate({ prompt });
    await settle();
    clock.advance(200);
    await settle();
    a.calls[0]?.fail(Object.assign(new Error('boom'), { name: 'TypeError' }));
    await settle();
    clock.advance(10);
    b.calls[0]?.answer();
    const trace = traceOf((await call).providerMetadata);
    expect(trace.attempts.map((entry) => [entry.target, entry.outcome])).toEqual([
      ['a', 'error'],
      ['b', 'success'],
    ]);
    expect(trace.hedge?.winner).toBe('b');
  });

  it("waits the target's observed p95 under afterMs: 'p95', fallbackMs before 20 samples", async () => {
    const { clock, a, b, model } = setup({ hedge: { afterMs: 'p95', fallbackMs: 700 } });
    const first = model.doGenerate({ prompt });
    await settle();
    clock.advance(699);
    await settle();
    expect(b.calls.length).toBe(0);
    clock.advance(1);
    await settle();
    expect(b.calls.length).toBe(1);
    b.calls[0]?.answer();
    await first;
    // 20 quick answers (20 ms down to 1 ms, each faster than the p95 so far) give a a p95 of 20 ms.
    for (let call = 0; call < 20; call += 1) {
      const pending = model.doGenerate({ prompt });
      await settle();
      clock.advance(20 - call);
      a.calls.at(-1)?.answer();
      await pending;
    }
    const late = model.doGenerate({ prompt });
    await settle();
    clock.advance(19);
    await settle();
    expect(b.calls.length).toBe(1);
    clock.advance(1);
    await settle();
    expect(b.calls.length).toBe(2);
    b.calls.at(-1)?.answer();
    expect(traceOf((await late).providerMetadata).hedge?.afterMs).toBe(20);
  });

  it('spends at most maxExtraRatio of the calls in the window on hedges (at least one)', async () => {
    const { clock, a, b, model, traces } = setup({
      hedge: { afterMs: 100, maxExtraRatio: 0.1, windowMs: 10_000 },
    });
    // Priority order always puts the slow a first: hedging alone must stay within budget.
    for (let call = 0; call < 40; call += 1) {
      const hedgesBefore = b.calls.length;
      const pending = model.doGenerate({ prompt });
      await settle();
      clock.advance(100);
      await settle();
      if (b.calls.length > hedgesBefore) b.calls.at(-1)?.answer();
      else a.calls.at(-1)?.answer();
      await pending;
      clock.advance(100);
    }
    // Calls 1 (the floor of one), 20, 30 and 40 (10% of the calls so far).
    const hedged = traces.flatMap((trace, index) => (trace.hedge ? [index + 1] : []));
    expect(hedged).toEqual([1, 20, 30, 40]);
    expect(b.calls.length).toBe(4);
    expect(a.calls.length).toBe(40);
    // A new window: the budget refills.
    clock.advance(10_000);
    const pending = model.doGenerate({ prompt });
    await settle();
    clock.advance(100);
    await settle();
    expect(b.calls.length).toBe(5);
    b.calls.at(-1)?.answer();
    await pending;
  });

  it('with least-latency, a lost hedge makes the slow target second for the next calls', async () => {
    const { clock, a, b, model } = setup({ strategy: 'least-latency' });
    const first = model.doGenerate({ prompt });
    await settle();
    clock.advance(200);
    await settle();
    clock.advance(5);
    b.calls[0]?.answer();
    await first;
    const second = model.doGenerate({ prompt });
    await settle();
    expect([a.calls.length, b.calls.length]).toEqual([1, 2]);
    b.calls[1]?.answer();
    expect(traceOf((await second).providerMetadata).attempts).toHaveLength(1);
  });
});
