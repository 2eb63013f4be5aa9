import { createAnthropic } from '@ai-sdk/anthropic';
import type { Reply } from '@modelmux/testkit';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import type { RateLimitCooldownOptions } from '../src/options/router-options.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import type { HealthEvent } from '../src/trace/router-events.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget, type ProviderName } from './support/providers.js';

/** Route 'main': a primary on `provider` whose first answer is `reply`, then a healthy secondary. */
async function rateLimitedPrimary(
  provider: ProviderName,
  reply: Reply,
  {
    rateLimitCooldown,
    clock = createFakeClock(),
  }: {
    rateLimitCooldown?: RateLimitCooldownOptions;
    clock?: ReturnType<typeof createFakeClock>;
  } = {},
) {
  const primary = await fakeTarget(provider, 'primary', { replies: [reply] });
  const secondary = await fakeTarget(provider === 'openai' ? 'anthropic' : 'openai', 'secondary');
  const start = clock.now();
  const cooldowns: HealthEvent[] = [];
  const breakerOpens: HealthEvent[] = [];
  const build = () => {
    const router = createRouter({
      targets: [primary.target, secondary.target],
      routes: { main: { targets: ['primary', 'secondary'] } },
      breaker: { consecutiveFailures: 1 },
      ...(rateLimitCooldown ? { rateLimitCooldown } : {}),
      clock,
    });
    router.on('target-cooldown', (event) => cooldowns.push(event));
    router.on('breaker-open', (event) => breakerOpens.push(event));
    return router;
  };
  return {
    primary,
    secondary: secondary.server,
    build,
    cooldowns,
    breakerOpens,
    /** Moves the fake clock to `ms` after the start. */
    at: (ms: number) => clock.advance(start + ms - clock.now()),
    start,
  };
}

async function call(router: Router): Promise<DecisionTrace> {
  const result = await generateText({ model: router.model('main'), prompt: 'hi' });
  return result.providerMetadata?.modelmux as unknown as DecisionTrace;
}

/** Calls at each offset (ms from the start); returns who answered and the primary's log size. */
async function callsAt(
  router: Router,
  at: (ms: number) => void,
  primaryRequests: () => number,
  offsets: readonly number[],
) {
  const seen: [number, string | undefined, number][] = [];
  for (const offset of offsets) {
    at(offset);
    const trace = await call(router);
    seen.push([offset, trace.target, primaryRequests()]);
  }
  return seen;
}

describe('rate-limit cooldown over real HTTP', () => {
  it.each<[ProviderName, string]>([
    ['openai', 'Retry-After: 30'],
    ['anthropic', 'Retry-After: 30 and anthropic-ratelimit-*-reset'],
    ['gemini', 'RESOURCE_EXHAUSTED with RetryInfo retryDelay "30s" in the body'],
  ])(
    'after a %s 429 (%s), no call reaches it for 30 s of fake time; at +30 s it is used again',
    async (provider) => {
      const setup = await rateLimitedPrimary(provider, { status: 429, retryAfterS: 30 });
      const router = setup.build();
      const first = await call(router);
      expect(first.attempts).toMatchObject([
        { target: 'primary', errorClass: 'rate-limited', status: 429, next: 'fail-over' },
        { target: 'secondary', outcome: 'success' },
      ]);
      const seen = await callsAt(
        router,
        setup.at,
        () => setup.primary.server.requests.length,
        [1_000, 15_000, 29_900, 30_000],
      );
      expect(seen).toEqual([
        [1_000, 'secondary', 1],
        [15_000, 'secondary', 1],
        [29_900, 'secondary', 1],
        [30_000, 'primary', 2],
      ]);
      expect(setup.cooldowns).toMatchObject([
        { targetId: 'primary', reason: 'rate-limited', until: setup.start + 30_000 },
      ]);
      // A rate limit is not a failure: the breaker (tripping on 1 failure here) stayed closed.
      expect(setup.breakerOpens).toEqual([]);
    },
  );

  it('skips a cooling target at no cost, and the trace gives the reason and the end', async () => {
    const setup = await rateLimitedPrimary('openai', { status: 429, retryAfterS: 30 });
    const router = setup.build();
    await call(router);
    setup.at(15_000);
    const trace = await call(router);
    expect([trace.attempts.length, trace.candidates[0]]).toEqual([
      1,
      {
        target: 'primary',
        via: ['main'],
        skipped: {
          code: 'cooling-down',
          message: 'rate limited; cooling down for 15 s',
          until: setup.start + 30_000,
        },
      },
    ]);
    expect(router.stats().targets.primary?.health.coolUntil).toBe(setup.start + 30_000);
  });

  it("honours Anthropic's anthropic-ratelimit-*-reset headers on their own", async () => {
    // The reset headers are RFC 3339 instants, so the fake clock runs on wall-clock time here.
    const setup = await rateLimitedPrimary(
      'anthropic',
      { status: 429, retryAfterS: 20 },
      { clock: createFakeClock(Date.now()) },
    );
    // As a proxy that drops Retry-After would: the real response, less that one header.
    const { server } = setup.primary;
    setup.primary.target.model = createAnthropic({
      baseURL: server.baseURL,
      apiKey: server.apiKey,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const headers = new Headers(response.headers);
        headers.delete('retry-after');
        return new Response(response.body, { status: response.status, headers });
      },
    })('claude-haiku-4-5');
    const router = setup.build();
    await call(router);
    // The reset instant is in whole seconds (19-20 s away), and the wall clock moved on a little
    // between the fake clock's start and the 429: allow for both.
    const until = (setup.cooldowns[0]?.until as number) - setup.start;
    expect(until).toBeGreaterThan(18_500);
    expect(until).toBeLessThanOrEqual(22_000);
    const seen = await callsAt(
      router,
      setup.at,
      () => server.requests.length,
      [1_000, 18_500, 22_000],
    );
    expect(seen).toEqual([
      [1_000, 'secondary', 1],
      [18_500, 'secondary', 1],
      [22_000, 'primary', 2],
    ]);
  });

  it('caps a long Retry-After at rateLimitCooldown.maxMs', async () => {
    const setup = await rateLimitedPrimary(
      'openai',
      { status: 429, retryAfterS: 3_600 },
      { rateLimitCooldown: { maxMs: 10_000 } },
    );
    const router = setup.build();
    await call(router);
    const seen = await callsAt(
      router,
      setup.at,
      () => setup.primary.server.requests.length,
      [9_900, 10_000],
    );
    expect(seen).toEqual([
      [9_900, 'secondary', 1],
      [10_000, 'primary', 2],
    ]);
    expect(setup.cooldowns[0]?.until).toBe(setup.start + 10_000);
  });

  it('caps the wait in a Gemini RetryInfo too', async () => {
    const setup = await rateLimitedPrimary(
      'gemini',
      { status: 429, retryAfterS: 90 },
      { rateLimitCooldown: { maxMs: 45_000 } },
    );
    const router = setup.build();
    await call(router);
    expect(setup.cooldowns[0]?.until).toBe(setup.start + 45_000);
  });

  it('cools a 429 that names no wait for rateLimitCooldown.defaultMs (Gemini without RetryInfo)', async () => {
    const setup = await rateLimitedPrimary(
      'gemini',
      { status: 429 },
      { rateLimitCooldown: { defaultMs: 5_000 } },
    );
    const router = setup.build();
    await call(router);
    const seen = await callsAt(
      router,
      setup.at,
      () => setup.primary.server.requests.length,
      [4_900, 5_000],
    );
    expect(seen).toEqual([
      [4_900, 'secondary', 1],
      [5_000, 'primary', 2],
    ]);
  });

  it('a 429 after a cooldown has ended starts a new cooldown of its own length', async () => {
    const setup = await rateLimitedPrimary('openai', { status: 429, retryAfterS: 30 });
    setup.primary.server.enqueue({ status: 429, retryAfterS: 5 });
    const router = setup.build();
    await call(router);
    // At +30 s the primary is tried again and answers 429 with 5 s: skipped until +35 s.
    const seen = await callsAt(
      router,
      setup.at,
      () => setup.primary.server.requests.length,
      [30_000, 34_900, 35_000],
    );
    expect(seen).toEqual([
      [30_000, 'secondary', 2],
      [34_900, 'secondary', 2],
      [35_000, 'primary', 3],
    ]);
  });
});

describe('all targets failing after a rate limit', () => {
  it("says when to retry from the first target's cooldown, though another failed last", async () => {
    const clock = createFakeClock();
    const limited = await fakeTarget('openai', 'limited', {
      replies: [{ status: 429, retryAfterS: 7 }],
    });
    const broken = await fakeTarget('anthropic', 'broken', { replies: [{ status: 500 }] });
    const router = createRouter({
      targets: [limited.target, broken.target],
      routes: { main: { targets: ['limited', 'broken'], retry: { maxAttempts: 2 } } },
      breaker: { consecutiveFailures: 1, cooldownMs: 60_000 },
      clock,
    });

    const error = await generateText({ model: router.model('main'), prompt: 'hi' }).catch(
      (caught: unknown) => caught,
    );

    // The rate-limited target is usable again in 7 s, the broken one's breaker in 60 s.
    expect(AllTargetsFailedError.isInstance(error)).toBe(true);
    expect((error as AllTargetsFailedError).retryAfterMs).toBe(7_000);
  });
});
