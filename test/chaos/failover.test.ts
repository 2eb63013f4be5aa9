import { describe, expect, it } from 'vitest';
import { driveUntilSettled, startFleet } from './support/fleet.js';
import { openPath, pathNames } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Fail-over under upstream faults, for the in-process router (generateText) and through the
// gateway (the official openai client with its default 2 retries). Time runs on a fake clock.

scanForCanaryAfterAll('failover');

describe.each(pathNames)('fail-over through %s', (pathName) => {
  it('Retry-After: fails over at once and leaves the 429 target cooled down for its period', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ status: 429, error: 'rate-limited', retryAfterS: 30 }] },
    });
    const path = await openPath(pathName, fleet.router);
    const first = await path.call();
    const during = await path.call();
    const primaryDuring = fleet.primary.requests.length - 1;
    fleet.clock.advance(30_000);
    const after = await path.call();
    const primaryAfter = fleet.primary.requests.length - 1 - primaryDuring;
    judge(
      '429 Retry-After: 30 s',
      pathName,
      `ok ${[first, during, after].filter((o) => o.ok).length}/3; primary calls during cooldown ${primaryDuring}, after ${primaryAfter}`,
      'all ok; 0 during, 1 after',
      first.ok && during.ok && after.ok && primaryDuring === 0 && primaryAfter === 1,
    );
    expect(fleet.secondary.requests).toHaveLength(2);
  });

  it('persistent 503: every call answered, the failing target tried a bounded number of times', async () => {
    const fleet = await startFleet({ primary: { defaultReply: { status: 503 } } });
    const path = await openPath(pathName, fleet.router);
    const calls = 20;
    let ok = 0;
    for (let index = 0; index < calls; index += 1) if ((await path.call()).ok) ok += 1;
    const primary = fleet.primary.requests.length;
    const perCall = fleet.upstreamRequests() / calls;
    judge(
      'persistent 503 on primary',
      pathName,
      `ok ${ok}/${calls}; primary attempts ${primary}; ${perCall.toFixed(2)} attempts/call`,
      `all ok; primary <= breaker.consecutiveFailures (5); <= 2/call`,
      ok === calls && primary <= 5 && perCall <= 2,
    );
    expect(fleet.breakerState('primary')).toBe('open');
  });

  it('a flapping target (50% 503s, seeded): every call answered', async () => {
    const fleet = await startFleet({
      primary: { faults: [{ reply: { status: 503 }, rate: 0.5, seed: 7 }] },
    });
    const path = await openPath(pathName, fleet.router);
    const calls = 40;
    let ok = 0;
    for (let index = 0; index < calls; index += 1) {
      if ((await path.call()).ok) ok += 1;
      fleet.clock.advance(1_000);
    }
    const perCall = fleet.upstreamRequests() / calls;
    judge(
      'flapping primary (50% 503)',
      pathName,
      `ok ${ok}/${calls}; ${perCall.toFixed(2)} attempts/call; primary served ${fleet.primary.requests.filter((r) => r.status === 200).length}`,
      'all ok; <= 2 attempts/call',
      ok === calls && perCall <= 2,
    );
  });

  it('all targets down: answers at once with a typed error and the earliest recovery time', async () => {
    const fleet = await startFleet({
      primary: { defaultReply: { status: 503 } },
      secondary: { defaultReply: { status: 503 } },
      route: { retry: { backoff: { baseMs: 0, maxMs: 0 } } },
    });
    const path = await openPath(pathName, fleet.router);
    for (let index = 0; index < 10 && fleet.breakerState('secondary') !== 'open'; index += 1) {
      await path.call();
    }
    const before = fleet.upstreamRequests();
    const startedAt = performance.now();
    const outcome = await path.call();
    const elapsedMs = performance.now() - startedAt;
    const sent = fleet.upstreamRequests() - before;
    judge(
      'all targets down',
      pathName,
      `${outcome.code ?? 'ok'}${outcome.status ? ` ${outcome.status}` : ''}; upstream calls ${sent}; retry after ${outcome.retryAfterS ?? '-'} s; ${elapsedMs.toFixed(1)} ms`,
      'all-targets-failed; <= 1 upstream call (the panic-mode try); retry after 1..5 s; < 100 ms',
      !outcome.ok &&
        outcome.code === 'all-targets-failed' &&
        sent <= 1 &&
        (outcome.retryAfterS ?? 0) >= 1 &&
        (outcome.retryAfterS ?? 0) <= 5 &&
        elapsedMs < 100,
    );
    if (pathName === 'gateway') expect(outcome.status).toBe(503);
  });

  it('total upstream attempts equal the route limit (no retry multiplication by the caller)', async () => {
    const fleet = await startFleet({
      primary: { defaultReply: { status: 503 } },
      secondary: { defaultReply: { status: 503 } },
      route: { retry: { maxAttempts: 3, backoff: { baseMs: 0, maxMs: 0 } } },
      breaker: { consecutiveFailures: 100, minimumCalls: 100 },
    });
    const path = await openPath(pathName, fleet.router);
    const outcome = await path.call();
    const sent = fleet.upstreamRequests();
    judge(
      'attempts = retry.maxAttempts under a retrying client',
      pathName,
      `upstream attempts ${sent} for 1 call (${pathName === 'ai-sdk' ? 'generateText maxRetries 2' : 'openai maxRetries 2'})`,
      '= 3 (retry.maxAttempts)',
      !outcome.ok && sent === 3,
    );
  });

  it('100% 503s: attempts stay within 1.2x calls plus a small floor', async () => {
    const fleet = await startFleet({
      primary: { defaultReply: { status: 503 } },
      secondary: { defaultReply: { status: 503 } },
    });
    const path = await openPath(pathName, fleet.router);
    const calls = 100;
    for (let index = 0; index < calls; index += 1) {
      await driveUntilSettled(fleet.clock, path.call(), { stepMs: 250 });
      fleet.clock.advance(200);
    }
    const sent = fleet.upstreamRequests();
    const limit = Math.floor(1.2 * calls) + 10;
    judge(
      '100% 503s (breaker and retry budget)',
      pathName,
      `${sent} attempts for ${calls} calls (${(sent / calls).toFixed(2)}/call)`,
      `<= 1.2 x calls + 10 (${limit})`,
      sent <= limit,
    );
  });

  it('100% 503s with the breaker out of the way: the retry budget alone bounds attempts', async () => {
    const fleet = await startFleet({
      primary: { defaultReply: { status: 503 } },
      secondary: { defaultReply: { status: 503 } },
      breaker: { consecutiveFailures: 1_000, minimumCalls: 1_000 },
      // No backoff, so fake time moves only by the steps below: all 200 calls in one window.
      route: { retry: { backoff: { baseMs: 0, maxMs: 0 } } },
    });
    const path = await openPath(pathName, fleet.router);
    const calls = 200;
    const stepMs = 50; // 200 calls over 10 s of fake time: one budget window
    for (let index = 0; index < calls; index += 1) {
      await path.call();
      fleet.clock.advance(stepMs);
    }
    const sent = fleet.upstreamRequests();
    const floor = 5 * 10; // retryBudget.minRetriesPerSecond (5) x its 10 s window
    const limit = Math.floor(1.2 * calls) + floor;
    judge(
      '100% 503s, breaker never trips (retry budget alone)',
      pathName,
      `${sent} attempts for ${calls} calls (${(sent / calls).toFixed(2)}/call); breaker ${fleet.breakerState('primary')}`,
      `<= 1.2 x calls + the budget's floor (${limit})`,
      sent <= limit && sent >= calls,
    );
  });
});
