import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, type LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { AttemptTimeoutError } from '../src/errors/attempt-timeout-error.js';
import { NoSuchRouteError } from '../src/errors/no-such-route-error.js';
import { StreamInterruptedError } from '../src/errors/stream-interrupted-error.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';

// The attempts run in the test, so the models are never called: any model object will do.
const model = (name: string) =>
  createOpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'unused' }).chat(name);
const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 2 };
const callOptions = {
  prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }],
};
const usage: LanguageModelV4Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function routerWith(route: Record<string, unknown> = {}) {
  const clock = createFakeClock();
  const decisions: DecisionTrace[] = [];
  const router = createRouter({
    clock,
    targets: [
      { id: 'first', model: model('gpt-4.1-mini'), price },
      { id: 'second', model: model('gpt-4.1'), price },
    ],
    routes: { main: { targets: ['first', 'second'], ...route } },
    onDecision: (trace) => decisions.push(trace),
  });
  return { router, clock, decisions };
}

const unavailable = () =>
  new APICallError({
    message: 'unavailable',
    url: 'http://127.0.0.1:9/v1/chat/completions',
    requestBodyValues: undefined,
    statusCode: 503,
    isRetryable: true,
  });

describe('router.callRunner: the attempt loop with attempts the caller runs', () => {
  it('generate: fails over on a thrown APICallError, and costs the usage the attempt reports', async () => {
    const { router, decisions } = routerWith();
    const runner = router.callRunner('main');
    const seen: string[] = [];
    const { value, trace } = await (runner as NonNullable<typeof runner>).generate(
      { callOptions, binding: { metadata: { team: 'a' } } },
      async (attempt) => {
        seen.push(`${attempt.targetId}/${attempt.provider}/${attempt.modelId}`);
        if (attempt.targetId === 'first') throw unavailable();
        return { value: 'answer', usage };
      },
    );
    expect(value).toBe('answer');
    expect(seen).toEqual(['first/openai/gpt-4.1-mini', 'second/openai/gpt-4.1']);
    expect(
      trace.attempts.map((attempt) => [attempt.target, attempt.outcome, attempt.status]),
    ).toEqual([
      ['first', 'error', 503],
      ['second', 'success', undefined],
    ]);
    expect([trace.outcome, trace.target, trace.metadata?.team]).toEqual(['success', 'second', 'a']);
    expect(trace.attempts[1]?.costUsd).toBeCloseTo(20 / 1e6, 12);
    expect(decisions).toEqual([trace]);
    expect(router.stats().targets.second?.successes).toBe(1);
  });

  it('stream: the body reads under the idle limit; a stall ends the call as interrupted', async () => {
    const { router, clock, decisions } = routerWith({ timeouts: { idleMs: 1_000 } });
    const runner = router.callRunner('main') as NonNullable<ReturnType<typeof router.callRunner>>;
    const { value, trace, body } = await runner.stream(
      { callOptions },
      async (attempt) => attempt.targetId,
    );
    expect([value, trace.outcome, trace.target]).toEqual(['first', 'success', 'first']);
    expect(await body.read(async () => 'chunk')).toBe('chunk');
    const stalled = body.read(() => new Promise<string>(() => {}));
    clock.advance(1_000);
    const error = await stalled.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AttemptTimeoutError);
    const reported = body.fail(error, usage);
    expect(reported).toBeInstanceOf(StreamInterruptedError);
    expect(decisions[0]?.outcome).toBe('interrupted');
    expect(decisions[0]?.attempts[0]?.reason).toBe('timeout');
  });

  it('stream: succeed settles the call once, with the usage', async () => {
    const { router, decisions } = routerWith();
    const runner = router.callRunner('main') as NonNullable<ReturnType<typeof router.callRunner>>;
    const { body } = await runner.stream({ callOptions }, async () => 'opened');
    body.succeed(usage);
    body.succeed(usage);
    expect(
      decisions.map((trace) => [trace.outcome, trace.attempts[0]?.usage?.outputTokens]),
    ).toEqual([['success', 5]]);
  });

  it('is undefined for a route with a cache, and throws for an unknown route', () => {
    const { router } = routerWith({ cache: { ttlMs: 1_000 } });
    expect(router.callRunner('main')).toBeUndefined();
    expect(router.callRunner('first')).toBeDefined();
    expect(() => router.callRunner('nope')).toThrow(NoSuchRouteError);
  });
});
