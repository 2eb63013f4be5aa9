import { seededRandom } from '@modelmux/testkit';
import { type CallTarget, generateOnce, streamOnce } from './calls.js';
import type { Row } from './rows.js';
import { shuffled } from './stats.js';
import type { Upstream } from './upstream-process.js';

export type Mode = 'generate' | 'stream';

export interface Burst {
  calls: number;
  lost: number;
  seconds: number;
  /** This process's CPU time (user + system) per call, in microseconds. */
  cpuUsPerCall: number;
  /** The upstream process's CPU time over the burst's wall time (1 = one core busy). */
  upstreamLoad: number;
}

/** `calls` calls of one mode, `concurrency` in flight at every moment until the last starts. */
export async function burst(
  target: CallTarget,
  mode: Mode,
  { calls, concurrency }: { calls: number; concurrency: number },
): Promise<{ lost: number; seconds: number; cpuUs: number }> {
  const call = mode === 'generate' ? generateOnce : streamOnce;
  let started = 0;
  let lost = 0;
  const worker = async () => {
    while (started < calls) {
      started += 1;
      const sample = await call(target);
      if (!sample.ok) lost += 1;
    }
  };
  const cpu = process.cpuUsage();
  const begin = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - begin) / 1000;
  const used = process.cpuUsage(cpu);
  return { lost, seconds, cpuUs: used.user + used.system };
}

/**
 * Throughput at `concurrency` in flight: `rounds` rounds, each running every row once for
 * `calls` calls per mode, row order shuffled per round. A round's figures are compared within the
 * round, so slow drift cancels out of the ratios.
 */
export async function runConcurrent(
  rows: readonly Row[],
  upstream: Upstream,
  {
    rounds,
    calls,
    concurrency,
    seed,
  }: { rounds: number; calls: number; concurrency: number; seed: number },
): Promise<Map<string, Record<Mode, Burst[]>>> {
  const random = seededRandom(seed);
  const results = new Map<string, Record<Mode, Burst[]>>(
    rows.map((row) => [row.name, { generate: [], stream: [] }]),
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < rounds; round += 1) {
    for (const mode of ['generate', 'stream'] as const) {
      for (const row of shuffled(rows, random)) {
        gc?.();
        const before = await upstream.counts({ clear: true });
        const result = await burst(row, mode, { calls, concurrency });
        const after = await upstream.counts({ clear: true });
        const upstreamCpuUs =
          after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
        results.get(row.name)?.[mode].push({
          calls,
          lost: result.lost,
          seconds: result.seconds,
          cpuUsPerCall: result.cpuUs / calls,
          upstreamLoad: upstreamCpuUs / 1e6 / result.seconds,
        });
      }
    }
  }
  return results;
}
