import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { httpErrorOf, httpErrorResponse } from '../src/errors/http-error.js';
import { RateLimitedError } from '../src/errors/rate-limited-error.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';
import { traceOf } from './support/route-call.js';

const minute = 60_000;

async function ask(model: Parameters<typeof generateText>[0]['model']): Promise<DecisionTrace> {
  const result = await generateText({ model, prompt: 'hi' });
  return traceOf(result.providerMetadata);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('target RPM and TPM limits', () => {
  it('skips a target at its RPM limit before it is called, and uses it again in the next window', async () => {
    const clock = createFakeClock(10 * minute);
    const limited = await fakeTarget('openai', 'limited', {}, { limits: { rpm: 2 } });
    const spare = await fakeTarget('anthropic', 'spare');
    const router = createRouter({
      targets: [limited.target, spare.target],
      routes: { main: { targets: ['limited', 'spare'] } },
      clock,
    });

    const first = await Promise.all([1, 2, 3].map(() => ask(router.model('main'))));
    const answeredBy = first.map((trace) => trace.target);
    const skipped = first.find((trace) => trace.target === 'spare')?.candidates[0]?.skipped;
    const requests = [limited.server.requests.length, spare.server.requests.length];
    clock.advance(minute);
    const next = await ask(router.model('main'));

    expect(answeredBy.sort()).toEqual(['limited', 'limited', 'spare']);
    expect(skipped).toMatchObject({ code: 'rpm-limit', until: 11 * minute });
    expect(skipped?.message).toBe('at its limit of 2 requests a minute; the window resets in 60 s');
    expect(requests).toEqual([2, 1]);
    expect(next.target).toBe('limited');
  });

  it('adds the real tokens after a call and skips the target once the next call would pass its TPM', async () => {
    const clock = createFakeClock(10 * minute);
    const limited = await fakeTarget(
      'openai',
      'limited',
      { defaultReply: { usage: { inputTokens: 60, outputTokens: 30 } } },
      { limits: { tpm: 95 } },
    );
    const spare = await fakeTarget('anthropic', 'spare');
    const router = createRouter({
      targets: [limited.target, spare.target],
      routes: { main: { targets: ['limited', 'spare'] } },
      clock,
    });

    const first = await ask(router.model('main'));
    const second = await ask(router.model('main'));
    const headroom = router.stats().targets.limited?.limits;

    expect([first.target, second.target]).toEqual(['limited', 'spare']);
    expect(second.candidates[0]?.skipped?.code).toBe('tpm-limit');
    expect(headroom).toEqual({
      tpm: { limit: 95, used: 90, remaining: 5, resetAt: 11 * minute },
    });
    expect(router.stats().targets.spare?.limits).toEqual({});
  });

  it('throws RateLimitedError (429, Retry-After) when every target is at its limit, with no request sent', async () => {
    const clock = createFakeClock(10 * minute + 15_000);
    const only = await fakeTarget('openai', 'only', {}, { limits: { rpm: 1 } });
    const router = createRouter({
      targets: [only.target],
      routes: { main: { targets: ['only'] } },
      clock,
    });

    await ask(router.model('main'));
    const error = await caught(ask(router.model('main')));

    expect(RateLimitedError.isInstance(error)).toBe(true);
    const limitedError = error as RateLimitedError;
    expect([limitedError.scope, limitedError.limit, limitedError.retryAfterMs]).toEqual([
      'target',
      'rpm',
      45_000,
    ]);
    expect(limitedError.message).toBe(
      "Route 'main': every target of route 'main' is at its limit of 1 requests a minute. Retry in 45 s, or raise the rpm limit.",
    );
    expect(httpErrorOf(error)).toMatchObject({ status: 429, retryAfterS: 45, side: 'client' });
    expect(httpErrorResponse(error).headers['Retry-After']).toBe('45');
    expect(only.server.requests.length).toBe(1);
  });
});

describe('key, user and tenant limits', () => {
  it('refuses a user past perUser.rpm with RateLimitedError while another user goes on', async () => {
    const clock = createFakeClock(10 * minute);
    const upstream = await fakeTarget('openai', 'mini');
    const decisions: DecisionTrace[] = [];
    const router = createRouter({
      targets: [upstream.target],
      routes: { main: { targets: ['mini'] } },
      limits: { perUser: { rpm: 2 } },
      clock,
      onDecision: (trace) => decisions.push(trace),
    });
    const alice = router.createClient({ metadata: { user: 'alice' } });
    const bob = router.createClient({ metadata: { user: 'bob' } });

    await ask(alice.model('main'));
    await ask(alice.model('main'));
    const error = await caught(ask(alice.model('main')));
    const bobs = await ask(bob.model('main'));
    const anonymous = await ask(router.model('main'));

    expect(RateLimitedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      scope: 'user',
      scopeId: 'alice',
      limit: 'rpm',
      retryAfterMs: minute,
    });
    expect((error as Error).message).toContain(
      "user 'alice' reached its limit of 2 requests a minute",
    );
    expect([bobs.outcome, anonymous.outcome]).toEqual(['success', 'success']);
    expect(upstream.server.requests.length).toBe(4);
    expect(decisions.map((trace) => trace.outcome)).toEqual([
      'success',
      'success',
      'rejected',
      'success',
      'success',
    ]);
    expect(decisions[2]?.attempts).toEqual([]);
    expect(router.stats().routes.main).toMatchObject({ calls: 5, successes: 4, failures: 1 });
  });

  it('refuses a tenant past perTenant.tpm once its real tokens are counted', async () => {
    const clock = createFakeClock(10 * minute);
    const upstream = await fakeTarget('openai', 'mini', {
      defaultReply: { usage: { inputTokens: 500, outputTokens: 500 } },
    });
    const router = createRouter({
      targets: [upstream.target],
      routes: { main: { targets: ['mini'] } },
      limits: { perTenant: { tpm: 1500 } },
      clock,
    });
    const acme = router.createClient({ metadata: { tenant: 'acme' } });

    await ask(acme.model('main'));
    await ask(acme.model('main'));
    const error = await caught(ask(acme.model('main')));
    clock.advance(minute);
    const later = await ask(acme.model('main'));

    expect(error).toMatchObject({ scope: 'tenant', scopeId: 'acme', limit: 'tpm' });
    expect(later.outcome).toBe('success');
  });

  it("applies a binding limit (the gateway's per-key limit) on top of the router's, the lower winning", async () => {
    const clock = createFakeClock(10 * minute);
    const upstream = await fakeTarget('openai', 'mini');
    const router = createRouter({
      targets: [upstream.target],
      routes: { main: { targets: ['mini'] } },
      limits: { perKey: { rpm: 5 } },
      clock,
    });
    const client = router.createClient({
      metadata: { keyName: 'team-a' },
      limits: [{ scope: 'key', id: 'team-a', rpm: 1 }],
    });

    await ask(client.model('main'));
    const error = await caught(ask(client.model('main')));

    expect(error).toMatchObject({ scope: 'key', scopeId: 'team-a', limitValue: 1 });
  });
});
