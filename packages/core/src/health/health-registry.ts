import type { Clock } from '../clock.js';
import type { BreakerPolicy, RateLimitCooldownPolicy } from '../options/resolved-options.js';
import type { Store } from '../store/store.js';
import type { HealthView } from '../strategies/strategy.js';
import {
  type BreakerStatus,
  breakerAdmission,
  countSuccessInPlace,
  openPeriodOver,
  probeSlotTtlMs,
  recordOutcome,
  toHalfOpen,
} from './circuit-breaker.js';
import type { HealthEvent } from './health-event.js';
import { nextEwma } from './latency-ewma.js';
import { mergeHealthRecord } from './merge-health-record.js';
import { firstSlotFreeAt, liveProbes, type ProbeSlots, releaseProbe } from './probe-slots.js';
import { createSampleWindow, type SampleWindow } from './sample-window.js';
import { createTargetHealthRecord, type TargetHealthRecord } from './target-health.js';

/** Why a target cannot take a call now, and until when at the latest. */
export interface Unavailability {
  reason: 'breaker-open' | 'cooling-down' | 'half-open-busy';
  until: number;
}

/** One running attempt, from `begin` to `end`. */
export interface AttemptTicket {
  readonly targetId: string;
  /** The attempt holds a half-open probe slot: its result decides the breaker. */
  readonly probe: boolean;
  /** Made in panic mode (every candidate unhealthy): a success closes the breaker. */
  readonly panic: boolean;
  readonly startedAt: number;
}

export interface AttemptResult {
  /** `neutral`: fallback-only, caller errors, aborts, rate limits: no effect on the breaker. */
  outcome: 'success' | 'failure' | 'neutral';
  ttftMs?: number;
  durationMs?: number;
  /**
   * The attempt was cut before it delivered (a hedge that lost): `ttftMs` and `durationMs` are
   * lower bounds, recorded as samples so a target slower than its rival stops being picked first.
   */
  cutShort?: boolean;
}

/** A target's health for `router.stats()`. */
export interface HealthSnapshot {
  state: BreakerStatus;
  consecutiveFailures: number;
  trips: number;
  openUntil: number | undefined;
  coolUntil: number | undefined;
  inFlight: number;
  probesInFlight: number;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
  ttftP95Ms: number | undefined;
  latencyP95Ms: number | undefined;
}

export interface HealthRegistry extends HealthView {
  unavailable(targetId: string, now: number): Unavailability | undefined;
  begin(targetId: string, now: number, panic?: boolean): AttemptTicket;
  /** Call once per ticket. */
  end(ticket: AttemptTicket, now: number, result: AttemptResult): void;
  /** A rate limit: skip the target for `retryAfterMs` (or the default), capped; never shortened. */
  coolDown(targetId: string, now: number, retryAfterMs: number | undefined): void;
  snapshot(targetId: string, now?: number): HealthSnapshot;
  /** The target that is available first (now, if one is) and when: for panic mode. */
  soonestRecovery(
    targetIds: readonly string[],
    now: number,
  ): { targetId: string; until: number } | undefined;
  /** Stops listening to the store. */
  close(): void;
}

export interface HealthRegistryOptions {
  store: Store;
  breaker: BreakerPolicy;
  rateLimitCooldown: RateLimitCooldownPolicy;
  clock: Clock;
  emit?: (event: HealthEvent) => void;
  /** Weight of the newest latency sample. @default 0.3 */
  latencyAlpha?: number;
}

interface Entry {
  /** The mirror of the shared record, plus local breaker counts not yet worth a write. */
  record: TargetHealthRecord;
  /**
   * `record` and its breaker state were built here and never handed to the store (or taken from
   * it), so a success may count in place; any commit or adoption clears it.
   */
  ownsRecord: boolean;
  inFlight: number;
  probes: ProbeSlots;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
  /** The last TTFT and duration samples, for the p95s; made at the first sample. */
  ttftSamples: SampleWindow | undefined;
  latencySamples: SampleWindow | undefined;
  /** When the last latency or TTFT sample was taken (clock ms). */
  sampledAt: number | undefined;
}

/** Samples a p95 needs before it is reported. */
export const P95_MIN_SAMPLES = 20;

/**
 * The router's one object for live target state. Reads are local and synchronous; the store is
 * written only when something other instances must know changes (a breaker transition, a new
 * cooldown), never on an ordinary success, so the hot path does no I/O. Transitions decided
 * here are emitted; transitions adopted from other instances are not, so each trip is counted
 * once across a fleet.
 */
export function createHealthRegistry({
  store,
  breaker: policy,
  rateLimitCooldown,
  clock,
  emit,
  latencyAlpha,
}: HealthRegistryOptions): HealthRegistry {
  const entries = new Map<string, Entry>();
  const probeTtlMs = probeSlotTtlMs(policy);

  function entryFor(targetId: string): Entry {
    let entry = entries.get(targetId);
    if (entry === undefined) {
      entry = {
        record: store.getHealth(targetId) ?? createTargetHealthRecord(),
        ownsRecord: false,
        inFlight: 0,
        probes: [],
        latencyMs: undefined,
        ttftMs: undefined,
        ttftSamples: undefined,
        latencySamples: undefined,
        sampledAt: undefined,
      };
      entries.set(targetId, entry);
    }
    return entry;
  }

  function commit(targetId: string, entry: Entry, record: TargetHealthRecord): void {
    entry.record = record;
    entry.ownsRecord = false;
    store.setHealth(targetId, record);
  }

  /** An open period ends lazily: the first time anyone asks after openUntil. */
  function refresh(targetId: string, entry: Entry, now: number): void {
    const { breaker } = entry.record;
    if (!openPeriodOver(breaker, now)) return;
    entry.probes.length = 0;
    commit(targetId, entry, { ...entry.record, breaker: toHalfOpen(breaker) });
    emit?.({ type: 'breaker-half-open', targetId, at: now });
  }

  const unsubscribe = store.onHealthChange((targetId, incoming) => {
    // Targets this instance has not touched yet read the store when first asked.
    const entry = entries.get(targetId);
    if (entry === undefined || incoming === entry.record) return;
    const merged = mergeHealthRecord(entry.record, incoming);
    if (merged === undefined) return;
    // Probe slots belong to the half-open period that just ended elsewhere.
    if (merged.breaker !== entry.record.breaker) entry.probes.length = 0;
    entry.record = merged;
    entry.ownsRecord = false;
  });

  function unavailable(targetId: string, now: number): Unavailability | undefined {
    const entry = entryFor(targetId);
    refresh(targetId, entry, now);
    const { breaker, coolUntil } = entry.record;
    let result: Unavailability | undefined;
    // Most targets are closed most of the time: that path does no probe bookkeeping.
    if (breaker.state !== 'closed') {
      const probes = liveProbes(entry.probes, now, probeTtlMs);
      const admission = breakerAdmission(breaker, policy, now, probes);
      if (admission === 'open') {
        result = { reason: 'breaker-open', until: breaker.openUntil ?? now };
      } else if (admission === 'half-open-busy') {
        result = { reason: 'half-open-busy', until: firstSlotFreeAt(entry.probes, probeTtlMs) };
      }
    }
    if (
      coolUntil !== undefined &&
      coolUntil > now &&
      (result === undefined || coolUntil > result.until)
    ) {
      result = { reason: 'cooling-down', until: coolUntil };
    }
    return result;
  }

  return {
    unavailable,

    begin(targetId, now, panic = false) {
      const entry = entryFor(targetId);
      refresh(targetId, entry, now);
      entry.inFlight += 1;
      const probes = liveProbes(entry.probes, now, probeTtlMs);
      const probe = breakerAdmission(entry.record.breaker, policy, now, probes) === 'probe';
      if (probe) entry.probes.push(now);
      return { targetId, probe, panic, startedAt: now };
    },

    end(ticket, now, { outcome, ttftMs, durationMs, cutShort }) {
      const { targetId } = ticket;
      const entry = entryFor(targetId);
      if (entry.inFlight > 0) entry.inFlight -= 1;
      // A probe whose slot was given up (hung too long, or the breaker moved on) no longer decides.
      const holdsSlot = ticket.probe && releaseProbe(entry.probes, ticket.startedAt);
      // Time to first token is real whatever came after; duration only means something on success.
      // A cut-short sample is a lower bound: it can only raise an estimate, never lower it (a
      // hedge cancelled soon after it started says nothing about how fast its target is).
      if (
        ttftMs !== undefined &&
        (!cutShort || entry.ttftMs === undefined || ttftMs > entry.ttftMs)
      ) {
        entry.ttftMs = nextEwma(entry.ttftMs, ttftMs, latencyAlpha);
        entry.ttftSamples ??= createSampleWindow();
        entry.ttftSamples.record(ttftMs);
        entry.sampledAt = now;
      }
      if (
        durationMs !== undefined &&
        (outcome === 'success' ||
          (cutShort && (entry.latencyMs === undefined || durationMs > entry.latencyMs)))
      ) {
        entry.latencyMs = nextEwma(entry.latencyMs, durationMs, latencyAlpha);
        entry.latencySamples ??= createSampleWindow();
        entry.latencySamples.record(durationMs);
        entry.sampledAt = now;
      }
      if (outcome === 'neutral') return;
      // The common case, a success on a closed breaker, allocates nothing.
      if (
        outcome === 'success' &&
        entry.ownsRecord &&
        countSuccessInPlace(entry.record.breaker, policy, now)
      )
        return;
      const previous = entry.record.breaker;
      const next = recordOutcome(previous, policy, now, outcome, {
        probe: holdsSlot,
        panic: ticket.panic,
      });
      if (next.state === previous) return;
      const record = { ...entry.record, breaker: next.state };
      if (next.transition === undefined) {
        entry.record = record;
        entry.ownsRecord = true;
        return;
      }
      entry.probes.length = 0;
      commit(targetId, entry, record);
      if (next.transition === 'open') {
        const until = next.state.openUntil;
        emit?.({ type: 'breaker-open', targetId, at: now, until, reason: next.reason });
      } else if (next.transition === 'close') {
        emit?.({ type: 'breaker-close', targetId, at: now });
      }
    },

    coolDown(targetId, now, retryAfterMs) {
      const waitMs =
        retryAfterMs === undefined || Number.isNaN(retryAfterMs)
          ? rateLimitCooldown.defaultMs
          : retryAfterMs;
      const until = now + Math.max(0, Math.min(waitMs, rateLimitCooldown.maxMs));
      const entry = entryFor(targetId);
      const current = entry.record.coolUntil;
      if (until <= now || (current !== undefined && current >= until)) return;
      commit(targetId, entry, { ...entry.record, coolUntil: until, coolReason: 'rate-limited' });
      emit?.({ type: 'target-cooldown', targetId, at: now, until, reason: 'rate-limited' });
    },

    latencyMs: (targetId) => entries.get(targetId)?.latencyMs,
    ttftMs: (targetId) => entries.get(targetId)?.ttftMs,
    inFlight: (targetId) => entries.get(targetId)?.inFlight ?? 0,
    ttftP95Ms: (targetId) => entries.get(targetId)?.ttftSamples?.quantile(0.95, P95_MIN_SAMPLES),
    latencyP95Ms: (targetId) =>
      entries.get(targetId)?.latencySamples?.quantile(0.95, P95_MIN_SAMPLES),
    ttftSamples: (targetId) => entries.get(targetId)?.ttftSamples,
    latencySamples: (targetId) => entries.get(targetId)?.latencySamples,
    sampledAt: (targetId) => entries.get(targetId)?.sampledAt,

    snapshot(targetId, now = clock.now()) {
      const entry = entryFor(targetId);
      const { breaker, coolUntil } = entry.record;
      return {
        // A read does not move the breaker; it reports what the next call would find.
        state: openPeriodOver(breaker, now) ? 'half-open' : breaker.state,
        consecutiveFailures: breaker.consecutiveFailures,
        trips: breaker.trips,
        openUntil: breaker.openUntil,
        coolUntil: coolUntil !== undefined && coolUntil > now ? coolUntil : undefined,
        inFlight: entry.inFlight,
        probesInFlight: liveProbes(entry.probes, now, probeTtlMs),
        latencyMs: entry.latencyMs,
        ttftMs: entry.ttftMs,
        ttftP95Ms: entry.ttftSamples?.quantile(0.95, P95_MIN_SAMPLES),
        latencyP95Ms: entry.latencySamples?.quantile(0.95, P95_MIN_SAMPLES),
      };
    },

    soonestRecovery(targetIds, now) {
      let soonest: { targetId: string; until: number } | undefined;
      for (const targetId of targetIds) {
        const blocked = unavailable(targetId, now);
        if (blocked === undefined) return { targetId, until: now };
        if (soonest === undefined || blocked.until < soonest.until) {
          soonest = { targetId, until: blocked.until };
        }
      }
      return soonest;
    },

    close: unsubscribe,
  };
}
