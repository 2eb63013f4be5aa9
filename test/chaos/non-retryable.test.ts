import type { Reply } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { startFleet } from './support/fleet.js';
import { openPath, pathNames } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Errors that say nothing about the target's health: they are never retried on the same
// target and never trip its breaker, however often they come. A caller's abort is not the
// target's failure either (LiteLLM #41223).

scanForCanaryAfterAll('non-retryable');

const calls = 8; // more than breaker.consecutiveFailures (5)

const errors: [string, Reply][] = [
  ['context length exceeded', { status: 400, error: 'context-length-exceeded' }],
  ['content policy', { status: 400, error: 'content-policy' }],
  ['401 bad provider key', { status: 401, error: 'unauthorized' }],
  ['404 unknown model', { status: 404, error: 'not-found' }],
];

describe.each(pathNames)('non-retryable errors through %s', (pathName) => {
  it.each(errors)('%s: not retried on the same target, breaker untouched', async (name, reply) => {
    const fleet = await startFleet({ primary: { defaultReply: reply } });
    const path = await openPath(pathName, fleet.router);
    const outcomes = [];
    for (let index = 0; index < calls; index += 1) outcomes.push(await path.call());
    const primary = fleet.primary.requests.length;
    const state = fleet.breakerState('primary');
    const codes = [...new Set(outcomes.map((o) => (o.ok ? 'ok' : (o.code ?? 'error'))))];
    judge(
      `${name} on primary`,
      pathName,
      `${calls} calls -> ${codes.join('/')}; primary attempts ${primary}; breaker ${state} (${fleet.consecutiveFailures('primary')} in a row)`,
      `primary attempts = calls (${calls}); breaker closed`,
      primary === calls && state === 'closed' && fleet.consecutiveFailures('primary') === 0,
    );
  });

  it("a caller's abort never counts as a target failure", async () => {
    const fleet = await startFleet({ primary: { defaultReply: { fault: 'hang' } } });
    const path = await openPath(pathName, fleet.router);
    const outcomes = [];
    for (let index = 0; index < calls; index += 1) {
      const controller = new AbortController();
      const call = path.call({ signal: controller.signal });
      await fleet.primary.waitForRequests(index + 1);
      controller.abort();
      outcomes.push(await call);
    }
    const closes = await Promise.all(
      fleet.primary.requests.map((_request, index) => fleet.primary.waitForClose(index + 1)),
    );
    const upstreamClosed = closes.filter((entry) => entry.outcome === 'client-closed').length;
    const state = fleet.breakerState('primary');
    const failures = fleet.router.stats().targets.primary?.failures ?? Number.NaN;
    judge(
      'caller abort',
      pathName,
      `${calls} aborted calls; upstream requests closed ${upstreamClosed}/${calls}; secondary calls ${fleet.secondary.requests.length}; primary breaker ${state}, failures ${failures}`,
      'every upstream request closed; no fail-over; breaker closed with 0 failures',
      outcomes.every((o) => !o.ok) &&
        upstreamClosed === calls &&
        fleet.secondary.requests.length === 0 &&
        state === 'closed' &&
        fleet.consecutiveFailures('primary') === 0,
    );
    expect(failures).toBe(0);
  });
});
