import type { DecisionTrace, TraceAttempt } from './decision-trace.js';

/** A routed call has started: emitted before its first attempt, in the caller's async context. */
export interface CallStartEvent {
  callId: string;
  route: string;
  operation: DecisionTrace['operation'];
  strategy: string;
  /** Epoch ms. */
  startedAt: number;
  /** The call's prompt (or embedding values); present only with `telemetry.recordContent`. */
  content?: unknown;
}

/** An attempt is about to call its target. */
export interface AttemptStartEvent {
  callId: string;
  route: string;
  /** 1-based. */
  attempt: number;
  target: string;
  provider: string;
  model: string;
  probe?: boolean;
  panic?: boolean;
}

export interface RouterEventMap {
  'call-start': CallStartEvent;
  'attempt-start': AttemptStartEvent;
  /** Every routed call, once it has ended. */
  decision: DecisionTrace;
  /** Every attempt, as it ends. */
  'attempt-end': TraceAttempt & { callId: string; route: string };
  'breaker-open': HealthEvent;
  'breaker-half-open': HealthEvent;
  'breaker-close': HealthEvent;
  'target-cooldown': HealthEvent;
}

export interface HealthEvent {
  targetId: string;
  at: number;
  until?: number;
  reason?: string;
}

export type RouterEventName = keyof RouterEventMap;
export type RouterEventListener<E extends RouterEventName> = (event: RouterEventMap[E]) => void;

/** A listener's options: `when` makes it count for `has()` only while it returns true. */
export interface ListenerOptions {
  when?: () => boolean;
}

/**
 * A tiny typed emitter. `has()` lets the router skip building event payloads when nobody
 * listens; a listener that throws is isolated so it can never fail a call. A listener added
 * with `when` (telemetry, while no OpenTelemetry SDK is registered) does not count as listening
 * while its condition is false, so an idle listener costs no payload per call.
 */
export function createRouterEvents(onListenerError: (error: unknown) => void) {
  const listeners = new Map<RouterEventName, Set<(event: never) => void>>();
  /** Per event: listeners without a condition, and the conditions of the others. */
  const audience = new Map<RouterEventName, { always: number; when: (() => boolean)[] }>();
  return {
    on<E extends RouterEventName>(
      name: E,
      listener: RouterEventListener<E>,
      { when }: ListenerOptions = {},
    ): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const entry = listener as (event: never) => void;
      if (set.has(entry)) return () => {};
      set.add(entry);
      let counted = audience.get(name);
      if (!counted) {
        counted = { always: 0, when: [] };
        audience.set(name, counted);
      }
      const { when: conditions } = counted;
      if (when) conditions.push(when);
      else counted.always += 1;
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        set.delete(entry);
        if (when) conditions.splice(conditions.indexOf(when), 1);
        else counted.always -= 1;
      };
    },
    has(name: RouterEventName): boolean {
      const counted = audience.get(name);
      if (counted === undefined) return false;
      if (counted.always > 0) return true;
      for (const condition of counted.when) if (condition()) return true;
      return false;
    },
    emit<E extends RouterEventName>(name: E, event: RouterEventMap[E]): void {
      const set = listeners.get(name);
      if (!set) return;
      for (const listener of set) {
        try {
          (listener as RouterEventListener<E>)(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}

export type RouterEvents = ReturnType<typeof createRouterEvents>;
