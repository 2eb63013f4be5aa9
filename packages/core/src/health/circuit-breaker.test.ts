import { describe, expect, it } from 'vitest';
import type { BreakerPolicy } from '../options/resolved-options.js';
import {
  type BreakerState,
  breakerAdmission,
  createBreakerState,
  openPeriodMs,
  recordOutcome,
  toHalfOpen,
  WINDOW_BUCKETS,
} from './circuit-breaker.js';

const policy: BreakerPolicy = {
  consecutiveFailures: 3,
  failureRatio: 0.5,
  windowMs: 10_000,
  minimumCalls: 6,
  cooldownMs: 1_000,
  maxCooldownMs: 5_000,
  halfOpenProbes: 2,
};

/** Plays outcomes at the given times: 's' success, 'f' failure; returns the state and transitions. */
function play(
  outcomes: readonly [number, 's' | 'f'][],
  from: BreakerState = createBreakerState(),
  options: BreakerPolicy = policy,
) {
  let state = from;
  const transitions: string[] = [];
  for (const [now, outcome] of outcomes) {
    const result = recordOutcome(state, options, now, outcome === 's' ? 'success' : 'failure', {
      probe: false,
    });
    state = result.state;
    if (result.transition) transitions.push(`${result.transition}@${now}:${result.reason}`);
  }
  return { state, transitions };
}

const opened = (now = 0): BreakerState =>
  play([
    [now, 'f'],
    [now, 'f'],
    [now, 'f'],
  ]).state;

describe('circuit breaker', () => {
  it('starts closed and admits every call', () => {
    const state = createBreakerState();
    expect([state.state, breakerAdmission(state, policy, 0, 99)]).toEqual(['closed', 'admit']);
  });

  it('opens after consecutiveFailures failures in a row, for cooldownMs', () => {
    const { state, transitions } = play([
      [0, 'f'],
      [1, 'f'],
      [2, 'f'],
    ]);
    expect(transitions).toEqual(['open@2:consecutive-failures']);
    expect([state.state, state.trips, state.openUntil]).toEqual(['open', 1, 1_002]);
  });

  it('a success resets the run of failures', () => {
    const { state, transitions } = play([
      [0, 'f'],
      [1, 'f'],
      [2, 's'],
      [3, 'f'],
      [4, 'f'],
    ]);
    expect([transitions, state.state, state.consecutiveFailures]).toEqual([[], 'closed', 2]);
  });

  it('opens on the failure ratio once the window holds minimumCalls calls', () => {
    const { transitions } = play([
      [0, 's'],
      [1, 'f'],
      [2, 's'],
      [3, 'f'],
      [4, 's'],
      [5, 'f'],
    ]);
    expect(transitions).toEqual(['open@5:failure-ratio']);
  });

  it('does not trip on the ratio below minimumCalls', () => {
    // 2 of 3 failed (67% >= 50%), but 3 calls < minimumCalls 6.
    const { state, transitions } = play([
      [0, 'f'],
      [1, 's'],
      [2, 'f'],
    ]);
    expect([transitions, state.state]).toEqual([[], 'closed']);
  });

  it('does not trip while the ratio stays under failureRatio', () => {
    const { transitions } = play([
      [0, 's'],
      [1, 's'],
      [2, 'f'],
      [3, 's'],
      [4, 's'],
      [5, 'f'],
      [6, 's'],
    ]);
    expect(transitions).toEqual([]);
  });

  it('forgets failures that slid out of the window', () => {
    const early: [number, 's' | 'f'][] = [
      [0, 'f'],
      [1, 's'],
      [2, 'f'],
      [3, 's'],
      [4, 'f'],
    ];
    // Within the window, the sixth call (a failure) makes 4 of 6 failed.
    expect(play([...early, [9_000, 'f']]).transitions).toEqual(['open@9000:failure-ratio']);
    // 11 s later the first calls are gone: 1 call in the window, too few to judge.
    const late = play([...early, [11_000, 'f']]);
    expect([late.transitions, late.state.buckets]).toEqual([
      [],
      [{ startMs: 11_000, successes: 0, failures: 1 }],
    ]);
  });

  it('keeps at most WINDOW_BUCKETS buckets however many calls end', () => {
    const outcomes: [number, 's'][] = [];
    for (let now = 0; now < 50_000; now += 7) outcomes.push([now, 's']);
    const { state } = play(outcomes);
    expect(state.buckets.length).toBe(WINDOW_BUCKETS);
    const calls = state.buckets.reduce((sum, bucket) => sum + bucket.successes, 0);
    expect(calls).toBeGreaterThan(1_300);
  });

  it('rejects calls while open and admits a probe once openUntil has passed', () => {
    const state = opened();
    expect(breakerAdmission(state, policy, 999, 0)).toBe('open');
    expect(breakerAdmission(state, policy, 1_000, 0)).toBe('probe');
  });

  it('half-open admits exactly halfOpenProbes probes at once', () => {
    const state = toHalfOpen(opened());
    expect(
      [0, 1, 2, 3].map((inFlight) => breakerAdmission(state, policy, 1_000, inFlight)),
    ).toEqual(['probe', 'probe', 'half-open-busy', 'half-open-busy']);
  });

  it('a successful probe closes and resets trips, failures and the window', () => {
    const result = recordOutcome(toHalfOpen(opened()), policy, 1_500, 'success', { probe: true });
    expect([result.transition, result.state]).toEqual(['close', createBreakerState()]);
  });

  it('a failed probe re-opens with the open period doubled', () => {
    const result = recordOutcome(toHalfOpen(opened()), policy, 1_500, 'failure', { probe: true });
    expect([result.transition, result.reason, result.state.trips, result.state.openUntil]).toEqual([
      'open',
      'probe-failed',
      2,
      3_500,
    ]);
  });

  it('grows the open period per trip in a row, up to maxCooldownMs', () => {
    expect([1, 2, 3, 4, 5, 40].map((trips) => openPeriodMs(policy, trips))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000, 5_000,
    ]);
    let state = opened();
    const periods: number[] = [];
    let now = 0;
    for (let trip = 0; trip < 4; trip += 1) {
      now = state.openUntil as number;
      state = recordOutcome(toHalfOpen(state), policy, now, 'failure', { probe: true }).state;
      periods.push((state.openUntil as number) - now);
    }
    expect(periods).toEqual([2_000, 4_000, 5_000, 5_000]);
  });

  it('ignores late results while open and non-probe results while half-open', () => {
    const open = opened();
    const halfOpen = toHalfOpen(open);
    expect(recordOutcome(open, policy, 10, 'success', { probe: false }).state).toBe(open);
    expect(recordOutcome(halfOpen, policy, 1_200, 'success', { probe: false }).state).toBe(
      halfOpen,
    );
    expect(recordOutcome(halfOpen, policy, 1_200, 'failure', { probe: false }).state).toBe(
      halfOpen,
    );
  });

  it('survives a JSON round trip (a store saves it)', () => {
    const state = play([
      [0, 'f'],
      [5_000, 's'],
    ]).state;
    expect(JSON.parse(JSON.stringify(state))).toEqual({ ...state, openUntil: undefined });
    const open = JSON.parse(JSON.stringify(opened())) as BreakerState;
    expect(breakerAdmission(open, policy, 1_000, 0)).toBe('probe');
  });
});

describe('recordOutcome in panic mode', () => {
  const policy = {
    consecutiveFailures: 2,
    failureRatio: 0.5,
    windowMs: 10_000,
    minimumCalls: 10,
    cooldownMs: 1_000,
    maxCooldownMs: 8_000,
    halfOpenProbes: 1,
  };

  it('closes an open breaker when a panic attempt succeeds', () => {
    let state = createBreakerState();
    state = recordOutcome(state, policy, 0, 'failure', { probe: false }).state;
    state = recordOutcome(state, policy, 1, 'failure', { probe: false }).state;
    expect(state.state).toBe('open');
    const result = recordOutcome(state, policy, 2, 'success', { probe: false, panic: true });
    expect([result.state.state, result.transition]).toEqual(['closed', 'close']);
  });

  it('leaves an open breaker as it is when a panic attempt fails', () => {
    let state = createBreakerState();
    state = recordOutcome(state, policy, 0, 'failure', { probe: false }).state;
    state = recordOutcome(state, policy, 1, 'failure', { probe: false }).state;
    const result = recordOutcome(state, policy, 2, 'failure', { probe: false, panic: true });
    expect(result.state).toBe(state);
  });
});
