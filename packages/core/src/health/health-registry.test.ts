import { describe, expect, it } from 'vitest';
import { testBreakerPolicy as breaker } from '../../test/support/breaker-policy.js';
import type { Clock } from '../clock.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { recordOutcome, toHalfOpen } from './circuit-breaker.js';
import type { HealthEvent } from './health-event.js';
import { type AttemptTicket, createHealthRegistry } from './health-registry.js';
import { createTargetHealthRecord, type TargetHealthRecord } from './target-health.js';

function setup(store: Store = memoryStore()) {
  let now = 0;
  const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
  const writes: [string, TargetHealthRecord][] = [];
  const counted: Store = {
    ...store,
    getHealth: (targetId) => store.getHealth(targetId),
    setHealth(targetId, record) {
      writes.push([targetId, record]);
      store.setHealth(targetId, record);
    },
    onHealthChange: (listener) => store.onHealthChange(listener),
  };
  const events: HealthEvent[] = [];
  const health = createHealthRegistry({
    store: counted,
    breaker,
    rateLimitCooldown: { defaultMs: 5_000, maxMs: 60_000 },
    clock,
    emit: (event) => events.push(event),
  });
  const attempt = (targetId: string, at: number, outcome: 'success' | 'failure' | 'neutral') => {
    health.end(health.begin(targetId, at), at, { outcome });
  };
  const trip = (targetId: string, at = 0) => {
    for (let index = 0; index < breaker.consecutiveFailures; index += 1) {
      attempt(targetId, at, 'failure');
    }
  };
  return {
    health,
    store,
    writes,
    events,
    attempt,
    trip,
    setNow: (at: number) => {
      now = at;
    },
  };
}

describe('health registry', () => {
  it('knows nothing bad of a new target', () => {
    const { health } = setup();
    expect(health.unavailable('a', 0)).toBeUndefined();
    expect(health.snapshot('a', 0)).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      trips: 0,
      openUntil: undefined,
      coolUntil: undefined,
      inFlight: 0,
      probesInFlight: 0,
      latencyMs: undefined,
      ttftMs: undefined,
    });
  });

  it('counts attempts in flight from begin to end', () => {
    const { health } = setup();
    const first = health.begin('a', 0);
    health.begin('a', 0);
    expect(health.inFlight('a')).toBe(2);
    health.end(first, 5, { outcome: 'neutral' });
    expect([health.inFlight('a'), health.inFlight('never-seen')]).toEqual([1, 0]);
  });

  it('opens after consecutive failures, emits breaker-open and reports until when', () => {
    const { health, events, trip } = setup();
    trip('a', 100);
    expect(events).toEqual([
      {
        type: 'breaker-open',
        targetId: 'a',
        at: 100,
        until: 1_100,
        reason: 'consecutive-failures',
      },
    ]);
    expect(health.unavailable('a', 500)).toEqual({ reason: 'breaker-open', until: 1_100 });
  });

  it('goes half-open after the open period and admits exactly halfOpenProbes probes', () => {
    const { health, events, trip } = setup();
    trip('a');
    expect(health.unavailable('a', 1_000)).toBeUndefined();
    const first = health.begin('a', 1_000);
    expect(health.unavailable('a', 1_000)).toBeUndefined();
    const second = health.begin('a', 1_001);
    expect(health.unavailable('a', 1_002)).toEqual({ reason: 'half-open-busy', until: 3_000 });
    const third = health.begin('a', 1_002);
    expect([first.probe, second.probe, third.probe]).toEqual([true, true, false]);
    expect(events.map((event) => event.type)).toEqual(['breaker-open', 'breaker-half-open']);
    health.end(first, 1_200, { outcome: 'neutral' });
    expect(health.unavailable('a', 1_200)).toBeUndefined();
  });

  it('closes on a successful probe and emits breaker-close', () => {
    const { health, events, trip } = setup();
    trip('a');
    health.end(health.begin('a', 1_000), 1_300, { outcome: 'success' });
    expect(events.map((event) => event.type)).toEqual([
      'breaker-open',
      'breaker-half-open',
      'breaker-close',
    ]);
    expect(health.unavailable('a', 1_300)).toBeUndefined();
    expect(health.snapshot('a', 1_300)).toMatchObject({ state: 'closed', trips: 0 });
  });

  it('re-opens on a failed probe for twice as long, up to maxCooldownMs', () => {
    const { health, events, trip } = setup();
    trip('a');
    let now = 0;
    const periods: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      now = (health.unavailable('a', now)?.until as number) + 1;
      health.end(health.begin('a', now), now, { outcome: 'failure' });
      periods.push((health.snapshot('a', now).openUntil as number) - now);
    }
    expect(periods).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(events.filter((event) => event.reason === 'probe-failed')).toHaveLength(5);
  });

  it('neutral outcomes never trip the breaker but free the probe slot', () => {
    const { health, attempt, trip } = setup();
    for (let index = 0; index < 20; index += 1) attempt('a', index, 'neutral');
    expect(health.snapshot('a', 20)).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    trip('b');
    const probe = health.begin('b', 1_000);
    health.end(probe, 1_100, { outcome: 'neutral' });
    expect(health.snapshot('b', 1_100)).toMatchObject({ state: 'half-open', probesInFlight: 0 });
  });

  it('gives up a hung probe slot after twice cooldownMs; its late result does not decide', () => {
    const { health, events, trip } = setup();
    trip('a');
    const hung = health.begin('a', 1_000);
    health.begin('a', 1_000);
    expect(health.unavailable('a', 2_999)?.reason).toBe('half-open-busy');
    expect(health.unavailable('a', 3_000)).toBeUndefined();
    health.end(hung, 3_500, { outcome: 'success' });
    expect(health.snapshot('a', 3_500).state).toBe('half-open');
    expect(events.at(-1)?.type).toBe('breaker-half-open');
  });

  it('writes to the store on transitions only, never on an ordinary success', () => {
    const { writes, attempt, trip, health } = setup();
    for (let index = 0; index < 50; index += 1) attempt('a', index, 'success');
    attempt('a', 60, 'failure');
    expect(writes).toHaveLength(0);
    trip('a', 100);
    health.unavailable('a', 2_000);
    attempt('a', 2_000, 'success');
    expect(writes.map(([, record]) => record.breaker.state)).toEqual([
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('sees another instance trip a breaker through the shared store', () => {
    const shared = memoryStore();
    const one = setup(shared);
    const two = setup(shared);
    expect(two.health.unavailable('a', 0)).toBeUndefined();
    one.trip('a', 0);
    expect(two.health.unavailable('a', 10)).toEqual({ reason: 'breaker-open', until: 1_000 });
    // Adopted, not decided here: the other instance does not emit the trip again.
    expect(two.events).toEqual([]);
    two.health.end(two.health.begin('a', 1_000), 1_100, { outcome: 'success' });
    expect(one.health.unavailable('a', 1_100)).toBeUndefined();
    expect(one.health.snapshot('a', 1_100).state).toBe('closed');
  });

  it('drops probe slots of a half-open period that ended on another instance', () => {
    const shared = memoryStore();
    const one = setup(shared);
    const two = setup(shared);
    two.health.unavailable('a', 0);
    one.trip('a', 0);
    const stale = two.health.begin('a', 1_000);
    one.health.end(one.health.begin('a', 1_000), 1_100, { outcome: 'success' });
    expect(two.health.snapshot('a', 1_100)).toMatchObject({ state: 'closed', probesInFlight: 0 });
    one.trip('a', 1_200);
    const probes = [two.health.begin('a', 2_200), two.health.begin('a', 2_200)];
    expect([stale.probe, ...probes.map((ticket) => ticket.probe)]).toEqual([true, true, true]);
    // The old probe's late success does not close the new trip.
    two.health.end(stale, 2_300, { outcome: 'success' });
    expect(two.health.snapshot('a', 2_300)).toMatchObject({
      state: 'half-open',
      probesInFlight: 2,
    });
  });

  it('reads a target it has not touched from the store', () => {
    const store = memoryStore();
    const open = recordOutcome(
      { ...createTargetHealthRecord().breaker, consecutiveFailures: 2 },
      breaker,
      0,
      'failure',
      { probe: false },
    ).state;
    store.setHealth('a', { ...createTargetHealthRecord(), breaker: open });
    const { health } = setup(store);
    expect(health.unavailable('a', 10)?.reason).toBe('breaker-open');
  });

  it('ignores an instance still reporting the open period this one has moved past', () => {
    const shared = memoryStore();
    const { health, trip, events } = setup(shared);
    trip('a');
    health.begin('a', 1_000);
    const stale = shared.getHealth('a') as TargetHealthRecord;
    expect(stale.breaker.state).toBe('half-open');
    shared.setHealth('a', { ...stale, breaker: { ...stale.breaker, state: 'open' } });
    expect(health.snapshot('a', 1_100)).toMatchObject({ state: 'half-open', probesInFlight: 1 });
    // A half-open written elsewhere is not adopted either: this instance gets there on its own.
    health.unavailable('b', 1_100);
    shared.setHealth('b', { ...stale, breaker: toHalfOpen(stale.breaker) });
    expect(health.snapshot('b', 1_100).state).toBe('closed');
    expect(events.map((event) => event.type)).toEqual(['breaker-open', 'breaker-half-open']);
  });

  it('cools a rate-limited target down for Retry-After, capped, and emits target-cooldown', () => {
    const { health, events } = setup();
    health.coolDown('a', 100, 2_000);
    health.coolDown('b', 100, 10 * 60_000);
    health.coolDown('c', 100, undefined);
    expect(health.unavailable('a', 100)).toEqual({ reason: 'cooling-down', until: 2_100 });
    expect(health.unavailable('b', 100)?.until).toBe(60_100);
    expect(health.unavailable('c', 100)?.until).toBe(5_100);
    expect(health.unavailable('a', 2_100)).toBeUndefined();
    expect(events[0]).toEqual({
      type: 'target-cooldown',
      targetId: 'a',
      at: 100,
      until: 2_100,
      reason: 'rate-limited',
    });
  });

  it('never shortens a cooldown, only extends it', () => {
    const { health, writes, events } = setup();
    health.coolDown('a', 0, 30_000);
    health.coolDown('a', 1_000, 1_000);
    expect(health.unavailable('a', 5_000)?.until).toBe(30_000);
    health.coolDown('a', 1_000, 40_000);
    expect(health.unavailable('a', 5_000)?.until).toBe(41_000);
    expect([writes.length, events.length]).toEqual([2, 2]);
  });

  it('shares cooldowns with other instances', () => {
    const shared = memoryStore();
    const one = setup(shared);
    const two = setup(shared);
    two.health.unavailable('a', 0);
    one.health.coolDown('a', 0, 3_000);
    expect(two.health.unavailable('a', 1)).toEqual({ reason: 'cooling-down', until: 3_000 });
  });

  it('reports the later of an open breaker and a cooldown', () => {
    const { health, trip } = setup();
    trip('a');
    health.coolDown('a', 0, 4_000);
    expect(health.unavailable('a', 10)).toEqual({ reason: 'cooling-down', until: 4_000 });
  });

  it('tracks latency of successes and time to first token of any attempt', () => {
    const { health } = setup();
    const end = (ticket: AttemptTicket, outcome: 'success' | 'failure', durationMs: number) =>
      health.end(ticket, durationMs, { outcome, ttftMs: durationMs / 10, durationMs });
    end(health.begin('a', 0), 'success', 100);
    end(health.begin('a', 0), 'success', 200);
    end(health.begin('a', 0), 'failure', 5_000);
    expect(health.latencyMs('a')).toBeCloseTo(130);
    expect(health.ttftMs('a')).toBeCloseTo(0.7 * 13 + 0.3 * 500);
    expect(health.latencyMs('never-seen')).toBeUndefined();
  });

  it('counts an attempt cut short (a lost hedge) as a lower-bound sample of both latencies', () => {
    const { health } = setup();
    health.end(health.begin('slow', 0), 40, {
      outcome: 'neutral',
      ttftMs: 200,
      durationMs: 200,
      cutShort: true,
    });
    expect([health.ttftMs('slow'), health.latencyMs('slow'), health.sampledAt('slow')]).toEqual([
      200, 200, 40,
    ]);
    expect(health.snapshot('slow', 40).consecutiveFailures).toBe(0);
    // A lower bound below the estimate says nothing: a hedge cancelled soon after it started.
    health.end(health.begin('slow', 40), 45, {
      outcome: 'neutral',
      ttftMs: 5,
      durationMs: 5,
      cutShort: true,
    });
    expect([health.ttftMs('slow'), health.latencyMs('slow'), health.sampledAt('slow')]).toEqual([
      200, 200, 40,
    ]);
  });

  it('reports the TTFT p95 once 20 samples are in', () => {
    const { health } = setup();
    for (let sample = 1; sample <= 19; sample += 1) {
      health.end(health.begin('a', 0), sample, { outcome: 'success', ttftMs: sample * 10 });
    }
    expect(health.ttftP95Ms('a')).toBeUndefined();
    health.end(health.begin('a', 0), 20, { outcome: 'success', ttftMs: 200 });
    expect(health.ttftP95Ms('a')).toBe(190);
    expect(health.snapshot('a', 20).ttftP95Ms).toBe(190);
  });

  it('finds the target that recovers soonest, or one available now', () => {
    const { health, trip } = setup();
    trip('a');
    health.coolDown('b', 0, 500);
    health.coolDown('c', 0, 9_000);
    expect(health.soonestRecovery(['a', 'b', 'c'], 10)).toEqual({ targetId: 'b', until: 500 });
    expect(health.soonestRecovery(['a', 'c', 'd'], 10)).toEqual({ targetId: 'd', until: 10 });
    expect(health.soonestRecovery([], 10)).toBeUndefined();
  });

  it('snapshot reads the clock when no time is given and does not move the breaker', () => {
    const { health, trip, setNow, writes } = setup();
    trip('a');
    setNow(1_500);
    expect(health.snapshot('a').state).toBe('half-open');
    expect(writes.map(([, record]) => record.breaker.state)).toEqual(['open']);
  });

  it('stops following the store once closed', () => {
    const shared = memoryStore();
    const one = setup(shared);
    const two = setup(shared);
    two.health.unavailable('a', 0);
    two.health.close();
    one.trip('a');
    expect(two.health.unavailable('a', 10)).toBeUndefined();
  });
});
