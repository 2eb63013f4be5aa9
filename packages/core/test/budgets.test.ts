import { createOpenAI } from '@ai-sdk/openai';
import { startFakeOpenAI } from '@modelmux/testkit';
import { embed, generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { BudgetExceededError } from '../src/errors/budget-exceeded-error.js';
import { httpErrorOf } from '../src/errors/http-error.js';
import { RouterConfigError } from '../src/errors/router-config-error.js';
import { memoryStore } from '../src/store/memory-store.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';
import { traceOf } from './support/route-call.js';

// $200 per million tokens both ways: a call of 10 input and 50 output tokens costs $0.012. A
// reservation is the prompt's estimate (8 tokens for 'hi') plus maxOutputTokens (100) at those
// prices: $0.0216.
const price = { inputUsdPerMillion: 200, outputUsdPerMillion: 200 };
const usage = { inputTokens: 10, outputTokens: 50 };
const callUsd = 0.012;
const reservationUsd = 0.0216;
const noon = Date.UTC(2026, 10, 25, 12);

async function ask(model: Parameters<typeof generateText>[0]['model']): Promise<DecisionTrace> {
  const result = await generateText({ model, prompt: 'hi', maxOutputTokens: 100, maxRetries: 0 });
  return traceOf(result.providerMetadata);
}

async function pricedRoute(budgets: Parameters<typeof createRouter>[0]['budgets']) {
  const clock = createFakeClock(noon);
  const store = memoryStore();
  const upstream = await fakeTarget('openai', 'mini', { defaultReply: { usage } }, { price });
  const router = createRouter({
    targets: [upstream.target],
    routes: { main: { targets: ['mini'] }, other: { targets: ['mini'] } },
    budgets,
    store,
    clock,
  });
  /** What the budget holds now: settled spend and in-flight reservations. */
  const budget = (key: string) =>
    store.reserveBudget(
      key,
      'peek',
      0,
      Number.POSITIVE_INFINITY,
      Date.UTC(2026, 10, 26),
      clock.now(),
    );
  return { router, upstream, budget, clock };
}

describe('USD budgets', () => {
  it('ends 300 concurrent calls against a $1.00 budget within one in-flight reservation of it', async () => {
    const { router, upstream, budget } = await pricedRoute([
      { scope: 'global', usd: 1, per: 'day' },
    ]);

    const results = await Promise.allSettled(
      Array.from({ length: 300 }, () => ask(router.model('main'))),
    );
    const answered = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const refused = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    const spent = answered.reduce((sum, trace) => sum + (trace.costUsd ?? 0), 0);
    const held = await budget('budget:global:*:day');

    expect(answered.length).toBe(Math.floor(1 / reservationUsd));
    expect(refused.every((error) => BudgetExceededError.isInstance(error))).toBe(true);
    expect(upstream.server.requests.length).toBe(answered.length);
    expect(spent).toBeLessThanOrEqual(1 + reservationUsd);
    expect(held.spentUsd).toBeCloseTo(answered.length * callUsd, 9);
    expect(held.reservedUsd).toBe(0);
  });

  it('uses the budget up, and no further, when 300 calls arrive 30 at a time and settle as they go', async () => {
    const { router, upstream, budget } = await pricedRoute([
      { scope: 'global', usd: 1, per: 'day' },
    ]);

    const costs: number[] = [];
    let refusals = 0;
    let next = 0;
    const worker = async () => {
      while (next < 300) {
        next += 1;
        try {
          costs.push((await ask(router.model('main'))).costUsd ?? 0);
        } catch (error) {
          if (!BudgetExceededError.isInstance(error)) throw error;
          refusals += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 30 }, worker));
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    const held = await budget('budget:global:*:day');

    expect(costs.length + refusals).toBe(300);
    expect(upstream.server.requests.length).toBe(costs.length);
    // Within the budget; short of it by at most what 30 calls in flight hold in reservations
    // (a reservation is the worst case, so calls near the end are refused while others run).
    expect(spent).toBeLessThanOrEqual(1);
    expect(spent).toBeGreaterThan(1 - 30 * reservationUsd);
    expect(held.spentUsd).toBeCloseTo(spent, 9);
    expect(held.reservedUsd).toBe(0);
  });

  it('settles each call at its real cost, so later calls fit until the spend itself is near the limit', async () => {
    const { router, budget } = await pricedRoute([{ scope: 'global', usd: 0.05, per: 'day' }]);

    const answered: DecisionTrace[] = [];
    let refusal: unknown;
    for (let call = 0; call < 10 && refusal === undefined; call += 1) {
      try {
        answered.push(await ask(router.model('main')));
      } catch (error) {
        refusal = error;
      }
    }

    // $0.012 a call: after 3 calls ($0.036), a 4th reservation ($0.0216) would pass $0.05.
    expect(answered.length).toBe(3);
    expect((await budget('budget:global:*:day')).spentUsd).toBeCloseTo(3 * callUsd, 9);
    expect(BudgetExceededError.isInstance(refusal)).toBe(true);
    const error = refusal as BudgetExceededError;
    expect(error.resetAt).toBe(Date.UTC(2026, 10, 26));
    expect(error.retryAfterMs).toBe(12 * 3_600_000);
    expect(error.message).toBe(
      "Route 'main': the global budget of $0.05 a day is used up ($0.036 spent, $0 reserved by calls in flight, this call needs up to $0.0216). It resets at 2026-11-26T00:00:00.000Z; raise the budget or lower maxOutputTokens.",
    );
    expect(httpErrorOf(error)).toMatchObject({ status: 429, retryAfterS: 43_200 });
  });

  it('keeps a budget per user and per route, and starts again when the UTC day ends', async () => {
    const { router, clock } = await pricedRoute([
      { scope: 'user', usd: 0.03, per: 'day' },
      { scope: 'route', usd: 1, per: 'month', routes: ['other'] },
    ]);
    const alice = router.createClient({ metadata: { user: 'alice' } });
    const bob = router.createClient({ metadata: { user: 'bob' } });

    await ask(alice.model('main'));
    const aliceAgain = await ask(alice.model('main')).catch((error: unknown) => error);
    const bobFirst = await ask(bob.model('main'));
    clock.advance(12 * 3_600_000);
    const aliceTomorrow = await ask(alice.model('main'));

    expect(aliceAgain).toMatchObject({ scope: 'user', scopeId: 'alice', per: 'day' });
    expect([bobFirst.outcome, aliceTomorrow.outcome]).toEqual(['success', 'success']);
  });

  it('releases the reservation of a call that failed without spending', async () => {
    const clock = createFakeClock(noon);
    const store = memoryStore();
    const down = await fakeTarget('openai', 'down', { defaultReply: { status: 503 } }, { price });
    const router = createRouter({
      targets: [down.target],
      routes: { main: { targets: ['down'], retry: { maxAttempts: 1 } } },
      budgets: [{ scope: 'global', usd: 1, per: 'day' }],
      store,
      clock,
    });

    await ask(router.model('main')).catch(() => {});
    const held = await store.reserveBudget(
      'budget:global:*:day',
      'peek',
      0,
      1,
      Date.UTC(2026, 10, 26),
      noon,
    );

    expect([held.spentUsd, held.reservedUsd]).toEqual([0, 0]);
  });

  it('limits and budgets embedding calls too', async () => {
    const clock = createFakeClock(noon);
    const server = await startFakeOpenAI();
    onTestFinished(() => server.close());
    const provider = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
    const router = createRouter({
      targets: [
        {
          id: 'embed-small',
          embeddingModel: provider.embedding('text-embedding-3-small'),
          limits: { rpm: 1 },
        },
      ],
      routes: { vectors: { targets: ['embed-small'] } },
      limits: { perUser: { rpm: 2 } },
      clock,
    });
    const alice = router.createClient({ metadata: { user: 'alice' } });

    await embed({ model: alice.embeddingModel('vectors'), value: 'a' });
    const targetLimited = await embed({ model: alice.embeddingModel('vectors'), value: 'b' }).catch(
      (error: unknown) => error,
    );
    const userLimited = await embed({ model: alice.embeddingModel('vectors'), value: 'c' }).catch(
      (error: unknown) => error,
    );

    expect(targetLimited).toMatchObject({
      code: 'rate-limited',
      scope: 'target',
      scopeId: 'embed-small',
    });
    expect(userLimited).toMatchObject({ code: 'rate-limited', scope: 'user', scopeId: 'alice' });
    expect(server.requests.length).toBe(1);
  });

  it('rejects a budget naming an unknown route, with a suggestion', () => {
    const build = () =>
      createRouter({
        targets: [{ id: 'mini', model: 'x' as never }],
        routes: { main: { targets: ['mini'] } },
        budgets: [{ scope: 'route', usd: 1, per: 'dai' as 'day', routes: ['mian'] }],
        limits: { perUsr: { rpm: 1 } } as never,
      });
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }
    expect(RouterConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('budgets[0].routes[0]: unknown route "mian"');
    expect(message).toContain('did you mean "main"');
    expect(message).toContain('budgets[0].per');
    expect(message).toContain('limits.perUsr');
  });
});
