import type { Reply } from '@modelmux/testkit';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';

const cooldownMs = 10_000;

type TargetName = 'a' | 'b' | 'c';

/**
 * Route 'all' over a (OpenAI), b (Anthropic), c (Gemini), each first answering `first` (503
 * unless set), then `after`. Single-target routes trip each breaker (one failure is enough) at a
 * chosen fake time, so the open periods end in a known order.
 */
async function threeTargets({
  first = {},
  after = {},
}: {
  first?: Partial<Record<TargetName, Reply>>;
  after?: Reply;
} = {}) {
  const replies = (name: TargetName) => ({ replies: [first[name] ?? { status: 503 }, after] });
  const a = await fakeTarget('openai', 'a', replies('a'));
  const b = await fakeTarget('anthropic', 'b', replies('b'));
  const c = await fakeTarget('gemini', 'c', replies('c'));
  const clock = createFakeClock();
  const start = clock.now();
  const single = { retry: { maxAttempts: 1 } };
  const router = createRouter({
    targets: [a.target, b.target, c.target],
    routes: {
      all: { targets: ['a', 'b', 'c'] },
      onlyA: { targets: ['a'], ...single },
      onlyB: { targets: ['b'], ...single },
      onlyC: { targets: ['c'], ...single },
    },
    breaker: { consecutiveFailures: 1, cooldownMs },
    clock,
  });
  const trip = async (route: string, atMs: number) => {
    clock.advance(start + atMs - clock.now());
    await expect(generateText({ model: router.model(route), prompt: 'hi' })).rejects.toThrow(
      AllTargetsFailedError,
    );
  };
  return { a: a.server, b: b.server, c: c.server, clock, start, router, trip };
}

async function generate(router: Router): Promise<DecisionTrace> {
  const result = await generateText({ model: router.model('all'), prompt: 'hi' });
  return result.providerMetadata?.modelmux as unknown as DecisionTrace;
}

describe('panic mode: every candidate unhealthy', () => {
  it('tries the target whose open period ends soonest, marks the trace panic, and answers', async () => {
    const { a, b, c, clock, start, router, trip } = await threeTargets();
    await trip('onlyB', 0);
    await trip('onlyC', 1_000);
    await trip('onlyA', 2_000);
    clock.advance(1_000);
    const states = Object.values(router.stats().targets).map((target) => target.health.state);
    expect(states).toEqual(['open', 'open', 'open']);

    const trace = await generate(router);
    expect(trace.panic).toBe(true);
    // b tripped first, so its open period (start + 10 s) ends first.
    expect(trace.candidates.map((candidate) => [candidate.target, candidate.skipped])).toEqual([
      ['a', { code: 'breaker-open', message: 'breaker open for 9 s', until: start + 12_000 }],
      ['b', { code: 'breaker-open', message: 'breaker open for 7 s', until: start + 10_000 }],
      ['c', { code: 'breaker-open', message: 'breaker open for 8 s', until: start + 11_000 }],
    ]);
    expect(trace.attempts).toMatchObject([
      { attempt: 1, target: 'b', panic: true, outcome: 'success' },
    ]);
    expect([trace.outcome, trace.target]).toEqual(['success', 'b']);
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([1, 2, 1]);
  });

  it('fails with AllTargetsFailedError after its one panic attempt fails; the error trace says panic', async () => {
    const { a, b, c, clock, router, trip } = await threeTargets({ after: { status: 500 } });
    await trip('onlyA', 0);
    await trip('onlyB', 1_000);
    await trip('onlyC', 2_000);
    clock.advance(1_000);
    const error = await generate(router).catch((caught: unknown) => caught);
    expect(AllTargetsFailedError.isInstance(error)).toBe(true);
    const { trace } = error as AllTargetsFailedError;
    expect([trace.panic, trace.outcome]).toEqual([true, 'failed']);
    expect(trace.attempts).toMatchObject([
      { attempt: 1, target: 'a', panic: true, status: 500, next: 'give-up' },
    ]);
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([2, 1, 1]);
  });

  it('counts a rate-limit cooldown like an open breaker when choosing the soonest', async () => {
    const { a, b, c, clock, start, router, trip } = await threeTargets({
      first: { a: { status: 429, retryAfterS: 2 } },
    });
    // a cools down for 2 s (a 429 does not trip the breaker); b and c are open for 10 s.
    await trip('onlyA', 0);
    await trip('onlyB', 0);
    await trip('onlyC', 0);
    clock.advance(1_000);
    const trace = await generate(router);
    expect(trace.candidates[0]?.skipped).toEqual({
      code: 'cooling-down',
      message: 'rate limited; cooling down for 1 s',
      until: start + 2_000,
    });
    expect([trace.panic, trace.target, trace.attempts.length]).toEqual([true, 'a', 1]);
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([2, 1, 1]);
  });

  it('streams through panic mode too', async () => {
    const { b, clock, router, trip } = await threeTargets();
    await trip('onlyB', 0);
    await trip('onlyC', 1_000);
    await trip('onlyA', 2_000);
    clock.advance(1_000);
    const result = streamText({ model: router.model('all'), prompt: 'hello there' });
    const text = await result.text;
    const trace = (await result.providerMetadata)?.modelmux as unknown as DecisionTrace;
    expect([text, trace.panic, trace.attempts[0]?.panic, trace.target]).toEqual([
      'echo: hello there',
      true,
      true,
      'b',
    ]);
    expect(b.requests.length).toBe(2);
  });
});
