import type { Router } from '@modelmux/core';

export interface TargetTally {
  /** Calls this target answered. */
  served: number;
  attempts: number;
  errors: number;
  /** Attempts started as a hedge (a second try racing a slow first one; route option `hedge`). */
  hedges: number;
}

export interface DemoEvent {
  atMs: number;
  text: string;
}

/** Prices per million tokens. */
export interface Price {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

/**
 * What the demo counts from the router's events: calls, fail-overs, hedges, per-target figures,
 * and what the same tokens would have cost on the strong model alone.
 */
export function createTally(router: Router, options: { strongPrice: Price; startedAt: number }) {
  const targets = new Map<string, TargetTally>(
    router.targets.map((id) => [id, { served: 0, attempts: 0, errors: 0, hedges: 0 }]),
  );
  const routes = new Map<string, { calls: number; ok: number; failed: number; failovers: number }>(
    router.routes.map((name) => [name, { calls: 0, ok: 0, failed: 0, failovers: 0 }]),
  );
  const totals = {
    calls: 0,
    ok: 0,
    failed: 0,
    aborted: 0,
    failovers: 0,
    hedges: 0,
    costUsd: 0,
    allStrongUsd: 0,
  };
  const events: DemoEvent[] = [];
  /** Breaker trips seen, by target. */
  const trips = new Map<string, number>();
  const listeners = new Set<(event: DemoEvent) => void>();
  const note = (text: string) => {
    const event = { atMs: performance.now() - options.startedAt, text };
    events.push(event);
    for (const listener of listeners) listener(event);
  };
  const stops = [
    router.on('decision', (trace) => {
      const failedOver = trace.attempts.some((attempt) => attempt.next === 'fail-over');
      const route = routes.get(trace.route);
      totals.calls += 1;
      if (route) route.calls += 1;
      if (trace.outcome === 'success') {
        totals.ok += 1;
        if (route) route.ok += 1;
      } else if (trace.outcome === 'aborted') {
        // The demo's own stop (or Ctrl-C) cancelled it: not a failure of the router.
        totals.aborted += 1;
      } else {
        totals.failed += 1;
        if (route) route.failed += 1;
      }
      if (failedOver) {
        totals.failovers += 1;
        if (route) route.failovers += 1;
      }
      for (const attempt of trace.attempts) {
        const tally = targets.get(attempt.target);
        if (!tally) continue;
        tally.attempts += 1;
        if (attempt.outcome === 'error') tally.errors += 1;
        if (attempt.hedge) {
          tally.hedges += 1;
          totals.hedges += 1;
        }
      }
      if (trace.target) {
        const tally = targets.get(trace.target);
        if (tally) tally.served += 1;
      }
      totals.costUsd += trace.costUsd ?? 0;
      const input = trace.usage?.inputTokens ?? 0;
      const output = trace.usage?.outputTokens ?? 0;
      totals.allStrongUsd +=
        (input * options.strongPrice.inputUsdPerMillion +
          output * options.strongPrice.outputUsdPerMillion) /
        1_000_000;
    }),
    router.on('breaker-open', (event) => {
      trips.set(event.targetId, (trips.get(event.targetId) ?? 0) + 1);
      note(`breaker OPEN       ${event.targetId}`);
    }),
    router.on('breaker-half-open', (event) =>
      note(`breaker half-open  ${event.targetId} (probing)`),
    ),
    router.on('breaker-close', (event) => note(`breaker closed     ${event.targetId} (recovered)`)),
    router.on('target-cooldown', (event) =>
      note(`cooling down       ${event.targetId} (rate limited, 429)`),
    ),
  ];
  return {
    targets,
    routes,
    totals,
    trips,
    events,
    note,
    onEvent(listener: (event: DemoEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Money saved by routing, against every call's tokens priced at the strong model. */
    saving(): { usd: number; percent: number } {
      const usd = totals.allStrongUsd - totals.costUsd;
      return { usd, percent: totals.allStrongUsd > 0 ? (usd / totals.allStrongUsd) * 100 : 0 };
    },
    close(): void {
      for (const stop of stops) stop();
      listeners.clear();
    },
  };
}

export type Tally = ReturnType<typeof createTally>;
