import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRouter, createStatusPage, type Router } from '@modelmux/core';
import { streamText } from 'ai';
import type { DemoFrame, DemoView } from './demo-view.js';
import { type DemoFleet, startDemoFleet } from './fake-fleet.js';
import { usd } from './format.js';
import { createLiveView } from './live-view.js';
import { createPlainView } from './plain-view.js';
import { hasProviderKeys, startRealFleet } from './real-fleet.js';
import { fakeScenario, type Phase, realScenario } from './scenario.js';
import { createTally } from './tally.js';

export interface DemoOptions {
  /** Where the demo writes. */
  write: (text: string) => void;
  /** A live view redrawn in place (a terminal), or plain lines (CI, pipes). */
  live: boolean;
  /** ANSI colours in the live view. @default true */
  color?: boolean;
  /** Terminal rows for the live view. @default 40 */
  rows?: number;
  /** Length of each phase of the fake scenario. @default 6000 */
  phaseMs?: number;
  /** Concurrent callers. @default 6 */
  workers?: number;
  /** Provider keys come from here; with none, the fake providers. @default {} */
  env?: Record<string, string | undefined>;
  /** Port of the status page (0: a free one). @default 0 */
  statusPort?: number;
  /** Ends the demo early (Ctrl-C), still with its summary. */
  signal?: AbortSignal;
}

export interface DemoSummary {
  mode: 'fake' | 'real';
  calls: number;
  ok: number;
  failed: number;
  /** Calls Ctrl-C cut short. */
  aborted: number;
  failovers: number;
  hedges: number;
  costUsd: number;
  allStrongUsd: number;
  savedUsd: number;
  savedPercent: number;
  /** Breakers that opened, by target. */
  trips: Record<string, number>;
}

// Real providers: a small, capped budget (calls of at most 40 output tokens).
const realCallBudget = 12;
const prompts = {
  cheap: [
    'Summarise this support ticket in one line.',
    'Translate "good morning" into French.',
    'Classify this review as positive or negative.',
    'Extract the city from: "Ship to 4 Rue Lepic, Paris".',
  ],
  strong: ['Review this pull request for concurrency bugs.', 'Plan a database migration.'],
};

/** Serves the status page on 127.0.0.1 with a random key; the URL carries the key. */
async function startStatusServer(router: Router, port: number) {
  const key = randomBytes(12).toString('hex');
  const page = createStatusPage(router, { key, path: '/status', decisions: 20 });
  const server = createServer((request, response) => page(request, response));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/status?key=${key}`,
    async close() {
      page.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The demo: steady traffic through a cheap and a strong route while the providers misbehave on
 * a schedule; a live view (or plain lines) of what the router does; a summary at the end.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const env = options.env ?? {};
  const mode = hasProviderKeys(env) ? 'real' : 'fake';
  const fleet: DemoFleet = mode === 'real' ? await startRealFleet(env) : await startDemoFleet();
  const scenario: Phase[] = mode === 'real' ? realScenario : fakeScenario;
  const phaseMs = options.phaseMs ?? 6_000;
  const router = createRouter({
    targets: fleet.targets,
    routes: fleet.routes,
    breaker: { consecutiveFailures: 3, cooldownMs: 1_500, maxCooldownMs: 3_000 },
    rateLimitCooldown: { maxMs: 3_000 },
  });
  const startedAt = performance.now();
  const tally = createTally(router, { strongPrice: fleet.strongPrice, startedAt });
  const status = await startStatusServer(router, options.statusPort ?? 0);
  const view: DemoView = options.live
    ? createLiveView(options.write, { color: options.color ?? true, rows: options.rows ?? 40 })
    : createPlainView(options.write);
  const stopEvents = tally.onEvent((event) => view.event(event.atMs, event.text));
  let phaseIndex = 0;
  const frame = (): DemoFrame => ({
    router,
    tally,
    elapsedMs: performance.now() - startedAt,
    plannedMs: mode === 'real' ? 0 : scenario.length * phaseMs,
    phase: {
      index: phaseIndex,
      count: scenario.length,
      name: scenario[phaseIndex]?.name ?? '',
    },
    statusUrl: status.url,
  });

  view.start(
    `modelmux demo: ${fleet.describe}\nstatus page (live, while the demo runs): ${status.url}\n`,
  );
  const refresh = options.live ? setInterval(() => view.refresh(frame()), 200) : undefined;

  const stop = new AbortController();
  const ended = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let budget = mode === 'real' ? realCallBudget : Number.POSITIVE_INFINITY;
  let request = 0;
  async function worker(id: number): Promise<void> {
    while (!ended.aborted && budget > 0) {
      budget -= 1;
      request += 1;
      // One request in four is hard and goes to the strong route; the rest are cheap.
      const route = request % 4 === 0 ? 'strong' : 'cheap';
      const list = prompts[route];
      try {
        const result = streamText({
          model: router.model(route),
          prompt: `${list[request % list.length]} (request ${id}.${request})`,
          maxOutputTokens: mode === 'real' ? 40 : undefined,
          // The natural end lets calls in flight finish; Ctrl-C cuts them short.
          abortSignal: options.signal,
        });
        await result.text;
      } catch {
        // Counted from the decision trace; an aborted call at the end is expected.
      }
    }
  }
  const workers = Array.from({ length: mode === 'real' ? 2 : (options.workers ?? 6) }, (_, index) =>
    worker(index + 1),
  );

  for (phaseIndex = 0; phaseIndex < scenario.length && !ended.aborted; phaseIndex += 1) {
    const phase = scenario[phaseIndex] as Phase;
    view.phase(frame());
    phase.start(fleet);
    const before = { ...tally.totals };
    if (mode === 'real') await Promise.all(workers);
    else await sleep(phaseMs, undefined, { signal: ended }).catch(() => {});
    view.phaseEnded(frame(), {
      calls: tally.totals.calls - before.calls,
      failed: tally.totals.failed - before.failed,
      failovers: tally.totals.failovers - before.failovers,
      hedges: tally.totals.hedges - before.hedges,
    });
  }
  phaseIndex = Math.min(phaseIndex, scenario.length - 1);
  stop.abort();
  await Promise.all(workers);
  if (refresh) clearInterval(refresh);
  if (options.live) view.refresh(frame());
  view.stop();
  stopEvents();

  const saving = tally.saving();
  const trips = Object.fromEntries(tally.trips);
  const { totals } = tally;
  const summary: DemoSummary = {
    mode,
    calls: totals.calls,
    ok: totals.ok,
    failed: totals.failed,
    aborted: totals.aborted,
    failovers: totals.failovers,
    hedges: totals.hedges,
    costUsd: totals.costUsd,
    allStrongUsd: totals.allStrongUsd,
    savedUsd: saving.usd,
    savedPercent: saving.percent,
    trips,
  };
  options.write(summaryText(summary, fleet, tally, options.signal?.aborted === true));
  tally.close();
  await status.close();
  await router.close();
  await fleet.close();
  return summary;
}

function summaryText(
  summary: DemoSummary,
  fleet: DemoFleet,
  tally: ReturnType<typeof createTally>,
  interrupted: boolean,
): string {
  const lines = ['', interrupted ? 'summary (interrupted)' : 'summary'];
  const tripped = Object.entries(summary.trips)
    .filter(([, trips]) => trips > 0)
    .map(([id, trips]) => `${id} ${trips}x`);
  lines.push(
    `  calls ${summary.calls}: ${summary.ok} succeeded, ${summary.failed} failed${summary.aborted > 0 ? `, ${summary.aborted} cut short by Ctrl-C` : ''}; ${summary.failovers} failed over, ${summary.hedges} hedged`,
  );
  if (summary.mode === 'fake' && interrupted) {
    lines.push('  interrupted before the scenario ended (npm run demo again to see it all)');
  } else if (summary.mode === 'fake') {
    lines.push(
      summary.failed === 0
        ? '  the outage, the 429 storm and the slow provider were survived: no call failed'
        : `  ${summary.failed} calls failed while providers misbehaved`,
    );
  }
  lines.push(`  breakers opened: ${tripped.length > 0 ? tripped.join(', ') : 'none'}`);
  for (const [id, target] of tally.targets) {
    lines.push(
      `    ${id.padEnd(9)} served ${String(target.served).padStart(5)}  attempts ${String(target.attempts).padStart(5)}  errors ${String(target.errors).padStart(4)}  hedges ${String(target.hedges).padStart(3)}`,
    );
  }
  lines.push(
    `  cost ${usd(summary.costUsd)} vs ${usd(summary.allStrongUsd)} if every call went to ${fleet.strongModel}: saved ${usd(summary.savedUsd)} (${summary.savedPercent.toFixed(0)}%) by routing`,
  );
  return `${lines.join('\n')}\n`;
}
