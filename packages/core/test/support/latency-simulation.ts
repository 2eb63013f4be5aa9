import { callFactsOf } from '../../src/capabilities/call-facts.js';
import { type AttemptTicket, createHealthRegistry } from '../../src/health/health-registry.js';
import type { RouteMember } from '../../src/options/resolved-options.js';
import { seededRandom } from '../../src/selection/logistic-regression.js';
import { memoryStore } from '../../src/store/memory-store.js';
import type { Strategy } from '../../src/strategies/strategy.js';
import { testBreakerPolicy as breaker } from './breaker-policy.js';
import { createFakeClock } from './fake-clock.js';

// A route under steady load, played on the injected clock: `concurrency` calls in flight, each
// sent to the first target the strategy orders, its duration given by `durationMs`. The real
// health registry records every sample, so a strategy sees what it would see in a router.

export interface SimulatedCall {
  /** 0-based, in the order calls start. */
  index: number;
  targetId: string;
  startedAt: number;
  durationMs: number;
}

export interface LatencySimulation {
  strategy: Strategy;
  targetIds: readonly string[];
  calls: number;
  concurrency: number;
  /** How long the call takes on the target it was sent to. */
  durationMs(call: { index: number; targetId: string; startedAt: number }): number;
  seed?: number;
}

/** Plays the calls; returns them in start order. */
export function simulateLatencyRoute({
  strategy,
  targetIds,
  calls,
  concurrency,
  durationMs,
  seed = 7,
}: LatencySimulation): SimulatedCall[] {
  const clock = createFakeClock();
  const health = createHealthRegistry({
    store: memoryStore(),
    breaker,
    rateLimitCooldown: { defaultMs: 5_000, maxMs: 60_000 },
    clock,
  });
  const members: RouteMember[] = targetIds.map((id) => ({ kind: 'target', id, weight: 1 }));
  const call = callFactsOf({
    operation: 'generate',
    options: { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
  });
  const random = seededRandom(seed);
  const played: SimulatedCall[] = [];
  const running: { ticket: AttemptTicket; endsAt: number; call: SimulatedCall }[] = [];
  while (played.length < calls || running.length > 0) {
    while (played.length < calls && running.length < concurrency) {
      const now = clock.now();
      const order = strategy.order({
        members,
        call,
        health,
        random,
        now,
        region: undefined,
        target: (id) => ({
          id,
          provider: 'openai',
          modelId: id,
          region: undefined,
          price: undefined,
          weight: 1,
        }),
      });
      const targetId = (order[0] as RouteMember).id;
      const index = played.length;
      const entry = {
        index,
        targetId,
        startedAt: now,
        durationMs: durationMs({ index, targetId, startedAt: now }),
      };
      played.push(entry);
      running.push({
        ticket: health.begin(targetId, now),
        endsAt: now + entry.durationMs,
        call: entry,
      });
    }
    running.sort((a, b) => a.endsAt - b.endsAt);
    const done = running.shift() as (typeof running)[number];
    clock.advance(Math.max(0, done.endsAt - clock.now()));
    health.end(done.ticket, clock.now(), {
      outcome: 'success',
      durationMs: done.call.durationMs,
    });
  }
  health.close();
  return played;
}

/** The share of `calls` that went to `targetId`. */
export function shareOf(calls: readonly SimulatedCall[], targetId: string): number {
  if (calls.length === 0) return 0;
  return calls.filter((call) => call.targetId === targetId).length / calls.length;
}
