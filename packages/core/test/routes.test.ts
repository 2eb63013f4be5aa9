import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { seededRandom } from '@modelmux/testkit';
import { generateText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import type { RouterOptions } from '../src/options/router-options.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import type { RouterEventMap } from '../src/trace/router-events.js';
import { fakeTarget } from './support/providers.js';

async function call(router: Router, route: string): Promise<DecisionTrace> {
  const result = await generateText({ model: router.model(route), prompt: 'hi' });
  return result.providerMetadata?.modelmux as unknown as DecisionTrace;
}

/** An in-process model answering its own id: strategy order only, no HTTP. */
function mockModel(id: string) {
  const result: LanguageModelV4GenerateResult = {
    content: [{ type: 'text', text: id }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: 1, reasoning: undefined },
    },
    warnings: [],
  };
  return new MockLanguageModelV4({ provider: 'mock', modelId: id, doGenerate: result });
}

describe('nested routes', () => {
  it('expand in place, in order, and the trace says which routes led to each candidate', async () => {
    const a = await fakeTarget('openai', 'a', { replies: [{ status: 503 }] });
    const b = await fakeTarget('anthropic', 'b', { replies: [{ status: 503 }] });
    const c = await fakeTarget('gemini', 'c');
    const d = await fakeTarget('openai', 'd');
    const router = createRouter({
      targets: [a.target, b.target, c.target, d.target],
      routes: {
        outer: { targets: ['a', 'inner', 'd'], retry: { maxAttempts: 4 } },
        inner: { targets: ['b', 'deepest'] },
        deepest: { targets: ['c'] },
      },
    });
    const trace = await call(router, 'outer');
    expect(trace.candidates).toEqual([
      { target: 'a', via: ['outer'] },
      { target: 'b', via: ['outer', 'inner'] },
      { target: 'c', via: ['outer', 'inner', 'deepest'] },
      { target: 'd', via: ['outer'] },
    ]);
    expect(trace.attempts.map((attempt) => [attempt.target, attempt.next])).toEqual([
      ['a', 'fail-over'],
      ['b', 'fail-over'],
      ['c', undefined],
    ]);
    expect([trace.route, trace.target, d.server.requests.length]).toEqual(['outer', 'c', 0]);
  });

  it('try a target listed by two routes once, where it first appears', async () => {
    const a = await fakeTarget('openai', 'a', { defaultReply: { status: 503 } });
    const b = await fakeTarget('anthropic', 'b', { defaultReply: { status: 503 } });
    const router = createRouter({
      targets: [a.target, b.target],
      routes: {
        outer: { targets: ['a', 'inner'], retry: { maxAttempts: 5, backoff: { baseMs: 0 } } },
        inner: { targets: ['b', 'a'] },
      },
      breaker: { consecutiveFailures: 100 },
    });
    const error = await call(router, 'outer').catch((caught: unknown) => caught);
    expect(AllTargetsFailedError.isInstance(error)).toBe(true);
    const { trace } = error as AllTargetsFailedError;
    expect(trace.candidates.map((candidate) => candidate.target)).toEqual(['a', 'b']);
    // Five attempts over two targets: a, b, then retries of each after backoff.
    expect(trace.attempts.map((attempt) => attempt.target)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });
});

describe('weighted strategy', () => {
  function weightedRouter(seed: number) {
    return createRouter({
      targets: [
        { id: 'light', model: mockModel('light') },
        { id: 'heavy', model: mockModel('heavy') },
        { id: 'reserve', model: mockModel('reserve'), weight: 0 },
      ],
      routes: {
        split: {
          strategy: 'weighted',
          targets: [{ id: 'light', weight: 1 }, { id: 'heavy', weight: 3 }, 'reserve'],
        },
      },
      random: seededRandom(seed),
    });
  }

  async function firstChoices(router: Router, calls: number): Promise<string[]> {
    const order: string[] = [];
    for (let index = 0; index < calls; index += 1) {
      const trace = await call(router, 'split');
      order.push(trace.target as string);
      expect(trace.candidates.at(-1)?.target).toBe('reserve');
    }
    return order;
  }

  it('over 1000 seeded calls, splits close to the weights (1:3) and never leads with weight 0', async () => {
    const order = await firstChoices(weightedRouter(42), 1_000);
    const light = order.filter((target) => target === 'light').length;
    const heavy = order.filter((target) => target === 'heavy').length;
    // Expected 250 / 750; the binomial standard deviation is ~14, so +-60 is over 4 of them.
    expect(light).toBeGreaterThan(190);
    expect(light).toBeLessThan(310);
    expect([light + heavy, order.includes('reserve')]).toEqual([1_000, false]);
  });

  it('the same seed gives the same order; another seed another', async () => {
    const first = await firstChoices(weightedRouter(42), 200);
    expect(await firstChoices(weightedRouter(42), 200)).toEqual(first);
    expect(await firstChoices(weightedRouter(43), 200)).not.toEqual(first);
  });
});

describe('cost and router.stats()', () => {
  it('prices every attempt and totals by route and target', async () => {
    const usage = { inputTokens: 1_000, outputTokens: 500 };
    const cheap = await fakeTarget(
      'openai',
      'cheap',
      { replies: [{ status: 503 }, {}, { status: 500 }], defaultReply: { usage } },
      { price: { inputUsdPerMillion: 1, outputUsdPerMillion: 2 } },
    );
    const dear = await fakeTarget(
      'anthropic',
      'dear',
      { defaultReply: { usage } },
      { price: { inputUsdPerMillion: 3, outputUsdPerMillion: 15 } },
    );
    const router = createRouter({
      targets: [cheap.target, dear.target],
      routes: {
        fast: { targets: ['cheap', 'dear'] },
        best: { targets: ['dear'] },
        broken: { targets: ['cheap'], retry: { maxAttempts: 1 } },
      },
    });
    // 1000 in + 500 out: cheap 0.001 + 0.001 = 0.002 USD; dear 0.003 + 0.0075 = 0.0105 USD.
    const failedOver = await call(router, 'fast');
    const direct = await call(router, 'fast');
    const best = await call(router, 'best');
    await expect(call(router, 'broken')).rejects.toThrow(AllTargetsFailedError);
    expect(failedOver.attempts.map((attempt) => attempt.costUsd)).toEqual([undefined, 0.0105]);
    expect([failedOver.costUsd, direct.costUsd, best.costUsd]).toEqual([0.0105, 0.002, 0.0105]);
    expect(direct.usage).toEqual({ inputTokens: 1_000, outputTokens: 500 });

    const stats = router.stats();
    const close = (value: number) => expect.closeTo(value, 12);
    expect(stats.routes).toEqual({
      fast: {
        calls: 2,
        successes: 2,
        failures: 0,
        costUsd: close(0.0125),
        inputTokens: 2_000,
        outputTokens: 1_000,
      },
      best: {
        calls: 1,
        successes: 1,
        failures: 0,
        costUsd: 0.0105,
        inputTokens: 1_000,
        outputTokens: 500,
      },
      broken: { calls: 1, successes: 0, failures: 1, costUsd: 0, inputTokens: 0, outputTokens: 0 },
    });
    expect(stats.totals).toEqual({
      calls: 4,
      successes: 3,
      failures: 1,
      costUsd: close(0.023),
      inputTokens: 3_000,
      outputTokens: 1_500,
    });
    expect(stats.targets.cheap).toMatchObject({
      provider: 'openai',
      attempts: 3,
      successes: 1,
      failures: 2,
      errors: { 'retryable-transient': 2 },
      costUsd: 0.002,
      inputTokens: 1_000,
      outputTokens: 500,
    });
    expect(stats.targets.dear).toMatchObject({
      provider: 'anthropic',
      attempts: 2,
      successes: 2,
      failures: 0,
      costUsd: 0.021,
      inputTokens: 2_000,
      outputTokens: 1_000,
    });
  });
});

describe('events and the onDecision hook', () => {
  it("emit 'attempt-end' per attempt, then 'decision' and onDecision once per call; unsubscribing stops them", async () => {
    const a = await fakeTarget('openai', 'a', { replies: [{ status: 503 }] });
    const b = await fakeTarget('anthropic', 'b');
    const seen: string[] = [];
    const hooked: DecisionTrace[] = [];
    const options: RouterOptions = {
      targets: [a.target, b.target],
      routes: { main: { targets: ['a', 'b'] } },
      onDecision: (trace) => {
        seen.push(`hook:${trace.callId}`);
        hooked.push(trace);
      },
    };
    const router = createRouter(options);
    const attempts: RouterEventMap['attempt-end'][] = [];
    const decisions: DecisionTrace[] = [];
    const offAttempt = router.on('attempt-end', (event) => {
      seen.push(`attempt:${event.target}`);
      attempts.push(event);
    });
    const offDecision = router.on('decision', (trace) => {
      seen.push(`decision:${trace.callId}`);
      decisions.push(trace);
    });
    // A listener that throws is isolated: the call still succeeds.
    const offThrowing = router.on('decision', () => {
      throw new Error('listener bug');
    });

    const trace = await call(router, 'main');
    expect(seen).toEqual([
      'attempt:a',
      'attempt:b',
      `decision:${trace.callId}`,
      `hook:${trace.callId}`,
    ]);
    expect(attempts).toMatchObject([
      { callId: trace.callId, route: 'main', attempt: 1, target: 'a', status: 503 },
      { callId: trace.callId, route: 'main', attempt: 2, target: 'b', outcome: 'success' },
    ]);
    expect(decisions).toEqual([trace]);
    expect(hooked).toEqual([trace]);

    offAttempt();
    offDecision();
    offThrowing();
    const second = await call(router, 'main');
    expect([attempts.length, decisions.length, hooked.length]).toEqual([2, 1, 2]);
    expect(hooked[1]?.callId).toBe(second.callId);
  });
});
