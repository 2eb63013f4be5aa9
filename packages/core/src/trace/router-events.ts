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

/**
 * A tiny typed emitter. `has()` lets the router skip building event payloads when nobody
 * listens; a listener that throws is isolated so it can never fail a call.
 */
export function createRouterEvents(onListenerError: (error: unknown) => void) {
  const listeners = new Map<RouterEventName, Set<(event: never) => void>>();
  return {
    on<E extends RouterEventName>(name: E, listener: RouterEventListener<E>): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener as (event: never) => void);
      return () => {
        set.delete(listener as (event: never) => void);
      };
    },
    has(name: RouterEventName): boolean {
      return (listeners.get(name)?.size ?? 0) > 0;
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
