import type { LanguageModelV4 } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget } from './support/providers.js';

// Issue 7's hedging acceptance, over real HTTP with the real @ai-sdk/openai provider: the
// primary's first byte comes after 3 s (the fake server's real delay), the secondary answers
// in ~25 ms. The losers are aborted, so nothing here waits the 3 s.

const calls = 200;
const maxExtraRatio = 0.1;

/** streamText to its first text delta, and to its end. */
async function timeToFirstToken(model: LanguageModelV4) {
  const startedAt = performance.now();
  const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
  let firstAt: number | undefined;
  let text = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') {
      firstAt ??= performance.now();
      text += part.text;
    }
    if (part.type === 'error') throw part.error;
  }
  const metadata = await result.providerMetadata;
  return {
    startedAt,
    firstAt: firstAt as number,
    ttftMs: (firstAt as number) - startedAt,
    text,
    trace: metadata?.modelmux as DecisionTrace | undefined,
  };
}

/** Nearest-rank percentile. */
function percentile(samples: readonly number[], quantile: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)] as number;
}

describe('hedging acceptance (issue 7)', () => {
  it(`keeps the p99 TTFT of ${calls} calls within 1.3x of the fast target's own, within the hedge budget, closing every loser within 100 ms`, async () => {
    const slow = await fakeTarget('openai', 'slow', { defaultReply: { firstByteDelayMs: 3_000 } });
    const fast = await fakeTarget('openai', 'fast', { defaultReply: { firstByteDelayMs: 25 } });
    const router = createRouter({
      targets: [slow.target, fast.target],
      routes: {
        main: {
          strategy: 'least-latency',
          targets: ['slow', 'fast'],
          hedge: { afterMs: 'p95', fallbackMs: 250, maxExtraRatio },
        },
      },
    });
    const direct = fast.target.model as LanguageModelV4;
    const routedModel = router.model('main');

    const own: number[] = [];
    const routed: Awaited<ReturnType<typeof timeToFirstToken>>[] = [];
    // Interleaved, so load on this machine falls on both series alike.
    for (let call = 0; call < calls; call += 1) {
      own.push((await timeToFirstToken(direct)).ttftMs);
      routed.push(await timeToFirstToken(routedModel));
    }

    const ownP99 = percentile(own, 0.99);
    const routedP99 = percentile(
      routed.map((entry) => entry.ttftMs),
      0.99,
    );
    const hedges = routed.filter((entry) => entry.trace?.hedge !== undefined).length;
    const upstreamRequests = slow.server.requests.length + fast.server.requests.length - calls;
    console.log(
      `hedging: p99 TTFT routed ${routedP99.toFixed(1)} ms vs the fast target's own ${ownP99.toFixed(1)} ms ` +
        `(${(routedP99 / ownP99).toFixed(2)}x); ${upstreamRequests - calls} extra requests (${hedges} hedges started) in ${calls} calls; ` +
        `slow target asked ${slow.server.requests.length} times`,
    );

    expect(routed.every((entry) => entry.text === 'echo: hi')).toBe(true);
    expect(routedP99).toBeLessThanOrEqual(ownP99 * 1.3);
    // Every extra upstream request is a hedge (one cancelled before it was sent never arrives),
    // and hedges stay within the budget.
    expect(upstreamRequests - calls).toBeLessThanOrEqual(hedges);
    expect(hedges).toBeLessThanOrEqual(Math.max(1, maxExtraRatio * calls));
    expect(hedges).toBeGreaterThanOrEqual(1);

    // Every request that lost (on either server) closed within 100 ms of the winner's content.
    const settled = [
      ...(await Promise.all(
        slow.server.requests.map((entry) => slow.server.waitForClose(entry.id)),
      )),
      ...(await Promise.all(
        fast.server.requests.map((entry) => fast.server.waitForClose(entry.id)),
      )),
    ];
    const losers = settled.filter((request) => request.outcome === 'client-closed');
    expect(losers.length).toBe(upstreamRequests - calls);
    for (const loser of losers) {
      // The routed call it belongs to: the last one started before it arrived.
      const owner = routed.findLast((entry) => entry.startedAt <= loser.receivedAt);
      expect(owner?.trace?.hedge).toBeDefined();
      expect((loser.closedAt as number) - (owner?.firstAt as number)).toBeLessThan(100);
    }
  }, 120_000);
});
