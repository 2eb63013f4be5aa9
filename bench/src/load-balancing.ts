import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createRouter, type RouterOptions } from '@modelmux/core';
import { type FakeServer, startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { quantile } from './stats.js';

// Load balancing: two deployments of one model (testkit servers in this process), one with 3x
// the other's latency. Each strategy's router is fresh; the fast deployment's own latency is
// measured in the same run, interleaved with the routed calls, as the baseline.

export interface LoadBalancingPlan {
  /** Calls per strategy. */
  calls: number;
  /** Calls in flight at once (least-busy needs more than one to see a difference). */
  concurrency: number;
  /** The fast deployment's latency before its response headers; the slow one's is 3x. */
  fastLatencyMs: number;
}

export interface LoadBalancingFigure {
  strategy: string;
  fastShare: number;
  p50Ms: number;
  p95Ms: number;
  /** The fast deployment's own p50, measured in the same interleaved run. */
  fastOwnP50Ms: number;
  lost: number;
}

/**
 * Each row: a strategy, and for `least-latency (stall)` a hiccup: at call 150 the fast
 * deployment's next 8 requests take 300 ms more, slowing every call in flight on it at once.
 * A latency score that one stall knocks out must come back, or the slow deployment keeps the
 * traffic (the goal is judged on the plain least-latency row; the stall row is shown beside it).
 */
const rowsToRun = [
  { name: 'least-latency', strategy: 'least-latency' },
  { name: 'least-latency (stall)', strategy: 'least-latency', stall: true },
  { name: 'least-busy', strategy: 'least-busy' },
  { name: 'weighted', strategy: 'weighted' },
  { name: 'priority', strategy: 'priority' },
] as const;
const stall = { atCall: 150, requests: 8, extraMs: 300 };
const prompt = 'Describe the night sea in twenty words.';

function modelOf(server: FakeServer): LanguageModelV4 {
  return createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat('gpt-4.1-mini');
}

async function timed(model: LanguageModelV4): Promise<{ ms: number; ok: boolean }> {
  const startedAt = performance.now();
  try {
    await generateText({ model, prompt, maxRetries: 0 });
    return { ms: performance.now() - startedAt, ok: true };
  } catch {
    return { ms: performance.now() - startedAt, ok: false };
  }
}

export async function runLoadBalancing(plan: LoadBalancingPlan): Promise<LoadBalancingFigure[]> {
  const reply = { text: 'The night sea breathes.', usage: { inputTokens: 12, outputTokens: 5 } };
  const fast = await startFakeOpenAI({ defaultReply: { ...reply, latencyMs: plan.fastLatencyMs } });
  const slow = await startFakeOpenAI({
    defaultReply: { ...reply, latencyMs: plan.fastLatencyMs * 3 },
  });
  const figures: LoadBalancingFigure[] = [];
  try {
    for (const row of rowsToRun) {
      const { strategy } = row;
      // The slow deployment is listed first: a strategy must find the fast one itself.
      const options: RouterOptions = {
        targets: [
          { id: 'slow', model: modelOf(slow) },
          { id: 'fast', model: modelOf(fast) },
        ],
        routes: { main: { strategy, targets: ['slow', 'fast'] } },
      };
      const router = createRouter(options);
      const routed = router.model('main');
      const direct = modelOf(fast);
      const routedMs: number[] = [];
      const ownMs: number[] = [];
      let lost = 0;
      let next = 0;
      const worker = async () => {
        while (next < plan.calls) {
          next += 1;
          if ('stall' in row && next === stall.atCall) {
            const slowed = { ...reply, latencyMs: plan.fastLatencyMs + stall.extraMs };
            fast.enqueue(...Array.from({ length: stall.requests }, () => slowed));
          }
          const own = await timed(direct);
          ownMs.push(own.ms);
          const sample = await timed(routed);
          routedMs.push(sample.ms);
          if (!sample.ok) lost += 1;
        }
      };
      await Promise.all(Array.from({ length: plan.concurrency }, worker));
      const stats = router.stats().targets;
      const fastCalls = stats.fast?.successes ?? 0;
      const slowCalls = stats.slow?.successes ?? 0;
      figures.push({
        strategy: row.name,
        fastShare: fastCalls / Math.max(1, fastCalls + slowCalls),
        p50Ms: quantile(routedMs, 0.5),
        p95Ms: quantile(routedMs, 0.95),
        fastOwnP50Ms: quantile(ownMs, 0.5),
        lost,
      });
      await router.close();
    }
  } finally {
    await Promise.all([fast.close(), slow.close()]);
  }
  return figures;
}

export const loadBalancingGoals = { fastShareMin: 0.8, p50RatioMax: 1.2 };

export function loadBalancingTable(figures: readonly LoadBalancingFigure[]): string {
  const rows = [
    'strategy               to fast   p50 ms   p95 ms   fast own p50   p50 / own   lost',
    ...figures.map(
      (figure) =>
        `${figure.strategy.padEnd(23)}${`${(figure.fastShare * 100).toFixed(1)}%`.padStart(7)}` +
        `${figure.p50Ms.toFixed(1).padStart(9)}${figure.p95Ms.toFixed(1).padStart(9)}` +
        `${figure.fastOwnP50Ms.toFixed(1).padStart(15)}` +
        `${`${(figure.p50Ms / figure.fastOwnP50Ms).toFixed(2)}x`.padStart(12)}${String(figure.lost).padStart(7)}`,
    ),
  ];
  const leastLatency = figures.find((figure) => figure.strategy === 'least-latency');
  if (leastLatency) {
    const ratio = leastLatency.p50Ms / leastLatency.fastOwnP50Ms;
    const pass =
      leastLatency.fastShare >= loadBalancingGoals.fastShareMin &&
      ratio <= loadBalancingGoals.p50RatioMax &&
      leastLatency.lost === 0;
    rows.push(
      `least-latency: ${pass ? 'PASS' : 'MISS'} (goals: >= ${loadBalancingGoals.fastShareMin * 100}% to the fast ` +
        `deployment, p50 <= ${loadBalancingGoals.p50RatioMax}x its own; got ${(leastLatency.fastShare * 100).toFixed(1)}%, ${ratio.toFixed(2)}x)`,
    );
  }
  return rows.join('\n');
}
