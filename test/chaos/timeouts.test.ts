import { describe, expect, it } from 'vitest';
import { driveUntilSettled, startFleet } from './support/fleet.js';
import { openPath, pathNames } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Stalls, silent upstreams and broken streams are cut by the router's timers, which run on the
// fake clock: a test advances it instead of sleeping. Each scenario ends with a healthy call, so
// the process (and the gateway) still serves.

scanForCanaryAfterAll('timeouts');

describe.each(pathNames)('timeouts through %s', (pathName) => {
  it('a silent upstream is cut by attemptMs and the call fails over', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ fault: 'hang' }] },
      route: { timeouts: { attemptMs: 2_000 } },
    });
    const path = await openPath(pathName, fleet.router);
    const startedAt = fleet.clock.now();
    const call = path.call();
    await fleet.primary.waitForRequests(1);
    fleet.clock.advance(2_000);
    const outcome = await call;
    const elapsed = fleet.clock.now() - startedAt;
    judge(
      'silent upstream (hang)',
      pathName,
      `${outcome.ok ? 'answered by secondary' : `failed: ${outcome.code}`} after ${elapsed} ms (fake clock)`,
      'answered by secondary once attemptMs (2000) passed',
      outcome.ok && elapsed === 2_000,
    );
    expect(fleet.secondary.requests).toHaveLength(1);
  });

  it('a slow first token is cut by firstChunkMs and the stream fails over silently', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ firstByteDelayMs: 60_000 }] },
      route: { timeouts: { firstChunkMs: 1_000 } },
    });
    const path = await openPath(pathName, fleet.router);
    const startedAt = fleet.clock.now();
    const call = path.call({ stream: true });
    await fleet.primary.waitForRequests(1);
    fleet.clock.advance(1_000);
    const outcome = await call;
    const elapsed = fleet.clock.now() - startedAt;
    judge(
      'slow first token (stream)',
      pathName,
      `${outcome.ok ? `answered "${outcome.text}"` : `failed: ${outcome.code}`} after ${elapsed} ms (fake clock)`,
      'answered by secondary once firstChunkMs (1000) passed',
      outcome.ok && outcome.text === 'echo: hi' && elapsed === 1_000,
    );
  });

  it('a stream that stalls after content ends with an error within the idle timeout', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ text: 'one two three four', chunks: 4, chunkDelayMs: 60_000 }] },
      route: { timeouts: { idleMs: 1_000, firstChunkMs: 30_000 } },
    });
    const path = await openPath(pathName, fleet.router);
    let firstTextAt: number | undefined;
    const call = path.call({
      stream: true,
      onFirstText: () => {
        firstTextAt = fleet.clock.now();
      },
    });
    const outcome = await driveUntilSettled(fleet.clock, call, { stepMs: 100 });
    const sinceContent = fleet.clock.now() - (firstTextAt ?? Number.NaN);
    const next = await path.call();
    judge(
      'stream stalls after content',
      pathName,
      `${outcome.ok ? 'completed' : 'error'} with "${outcome.text}" ${sinceContent} ms after the content (fake clock); next call ${next.ok ? 'ok' : 'failed'}`,
      'an error within idleMs 1000 (+ one 100 ms step); the next call ok',
      !outcome.ok && sinceContent <= 1_100 && next.ok,
    );
  });

  it('a malformed chunk ends the stream with an error and the process keeps serving', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ text: 'one two three four', chunks: 4, malformedChunkAt: 2 }] },
      route: { timeouts: { idleMs: 1_000 } },
    });
    const path = await openPath(pathName, fleet.router);
    const startedAt = fleet.clock.now();
    const outcome = await driveUntilSettled(fleet.clock, path.call({ stream: true }), {
      stepMs: 100,
    });
    const elapsed = fleet.clock.now() - startedAt;
    const next = await path.call();
    judge(
      'malformed chunk mid-stream',
      pathName,
      `${outcome.ok ? `completed "${outcome.text}"` : `error after "${outcome.text}"`} in ${elapsed} ms (fake clock); next call ${next.ok ? 'ok' : 'failed'}`,
      'ends (error, never a spliced answer) within idleMs 1000; the next call ok',
      elapsed <= 1_100 && next.ok && (!outcome.ok || outcome.text === 'one two three four'),
    );
  });

  it('the overall deadline holds within 50 ms', async () => {
    const fleet = await startFleet({
      primary: { defaultReply: { fault: 'hang' } },
      secondary: { defaultReply: { fault: 'hang' } },
      route: { timeouts: { attemptMs: 2_000, deadlineMs: 3_000 } },
    });
    const path = await openPath(pathName, fleet.router);
    const startedAt = fleet.clock.now();
    const call = path.call();
    await fleet.primary.waitForRequests(1);
    fleet.clock.advance(2_000);
    await fleet.secondary.waitForRequests(1);
    fleet.clock.advance(1_000);
    const realFrom = performance.now();
    const outcome = await call;
    const realMs = performance.now() - realFrom;
    const overshoot = fleet.clock.now() - startedAt - 3_000;
    judge(
      'overall deadline (3 s)',
      pathName,
      `${outcome.code ?? 'ok'}; fake-clock overshoot ${overshoot} ms; answered ${realMs.toFixed(1)} ms after the deadline fired`,
      'an error; overshoot <= 50 ms; answered <= 50 ms after',
      !outcome.ok && overshoot <= 50 && realMs <= 50,
    );
  });

  it('a half-open probe that hangs cannot wedge the breaker', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ status: 503 }, { status: 503 }, { fault: 'hang' }] },
      route: { timeouts: { attemptMs: 10_000 } },
      breaker: { consecutiveFailures: 2, cooldownMs: 5_000 },
    });
    const path = await openPath(pathName, fleet.router);
    await path.call();
    await path.call();
    expect(fleet.breakerState('primary')).toBe('open');
    fleet.clock.advance(5_000);
    const probeCall = path.call();
    await fleet.primary.waitForRequests(3);
    // While the probe hangs, calls skip the half-open target at no cost.
    const during = [];
    const realFrom = performance.now();
    for (let index = 0; index < 3; index += 1) during.push(await path.call());
    const duringMs = (performance.now() - realFrom) / 3;
    const primaryDuring = fleet.primary.requests.length - 3;
    const probe = await driveUntilSettled(fleet.clock, probeCall, { stepMs: 1_000 });
    const afterProbe = fleet.breakerState('primary');
    fleet.clock.advance(60_000);
    const recovered = await path.call();
    const primaryServed = fleet.primary.requests.at(-1)?.status === 200;
    judge(
      'half-open probe hangs',
      pathName,
      `during the probe ${during.filter((o) => o.ok).length}/3 ok (${duringMs.toFixed(1)} ms each), ${primaryDuring} to primary; probe call ${probe.ok ? 'ok' : 'failed'}; breaker then ${afterProbe}; next probe ${primaryServed ? 'closed it' : 'did not reach primary'}`,
      'calls answered by secondary meanwhile; probe cut by attemptMs; breaker re-opens, then recovers',
      during.every((o) => o.ok) &&
        primaryDuring === 0 &&
        probe.ok &&
        afterProbe === 'open' &&
        recovered.ok &&
        primaryServed,
    );
    expect(fleet.breakerState('primary')).toBe('closed');
  });
});
