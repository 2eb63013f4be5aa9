import { seededRandom } from '@modelmux/testkit';
import { shuffled } from '../stats.js';
import type { Upstream } from '../upstream-process.js';
import type { Call, Sample } from './client.js';
import type { GatewayProcess } from './gateway-process.js';

export type Mode = 'plain' | 'stream';
export const modes: readonly Mode[] = ['plain', 'stream'];

/** A column of the report: a way to reach the upstream, and the process in between if any. */
export interface Row {
  name: string;
  about: string;
  call: Call;
  process?: GatewayProcess;
}

/** Latencies of one row and mode, in ms. */
export interface Latencies {
  ms: number[];
  ttftMs: number[];
  errors: number;
  calls: number;
}

export interface Burst {
  calls: number;
  errors: number;
  seconds: number;
  /** The gateway process's CPU time per call, in microseconds (NaN for the direct row). */
  gatewayCpuUsPerCall: number;
  /** The upstream process's CPU time over the burst's wall time (1 = one core busy). */
  upstreamLoad: number;
}

const emptyLatencies = (): Latencies => ({ ms: [], ttftMs: [], errors: 0, calls: 0 });

function record(into: Latencies, sample: Sample): void {
  into.calls += 1;
  if (!sample.ok) {
    into.errors += 1;
    return;
  }
  into.ms.push(sample.ms);
  if (!Number.isNaN(sample.ttftMs)) into.ttftMs.push(sample.ttftMs);
}

/**
 * One call at a time. Each cycle makes one call per row and mode, rows in a fresh shuffled order,
 * so drift (CPU frequency, GC, the other processes) spreads evenly over every row.
 */
export async function runSequential(
  rows: readonly Row[],
  { cycles, seed }: { cycles: number; seed: number },
): Promise<Map<string, Record<Mode, Latencies>>> {
  const random = seededRandom(seed);
  const results = new Map(
    rows.map((row) => [row.name, { plain: emptyLatencies(), stream: emptyLatencies() }]),
  );
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    for (const mode of modes) {
      for (const row of shuffled(rows, random)) {
        record(results.get(row.name)?.[mode] as Latencies, await row.call(mode === 'stream'));
      }
    }
  }
  return results;
}

/** `calls` calls with `concurrency` in flight at every moment until the last one starts. */
export async function burst(
  call: Call,
  mode: Mode,
  { calls, concurrency, into }: { calls: number; concurrency: number; into?: Latencies },
): Promise<{ errors: number; seconds: number }> {
  let started = 0;
  let errors = 0;
  const worker = async () => {
    while (started < calls) {
      started += 1;
      const sample = await call(mode === 'stream');
      if (!sample.ok) errors += 1;
      if (into) record(into, sample);
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { errors, seconds: (performance.now() - begin) / 1000 };
}

const cpuUs = (cpu: NodeJS.CpuUsage) => cpu.user + cpu.system;

/**
 * `rounds` rounds; each runs every row once per mode, row order shuffled per round, so a round's
 * figures compare within the round and slow drift cancels out of the ratios.
 */
export async function runConcurrent(
  rows: readonly Row[],
  upstream: Upstream,
  options: { rounds: number; calls: number; concurrency: number; seed: number },
): Promise<{
  bursts: Map<string, Record<Mode, Burst[]>>;
  latencies: Map<string, Record<Mode, Latencies>>;
}> {
  const random = seededRandom(options.seed);
  const bursts = new Map(
    rows.map((row) => [row.name, { plain: [] as Burst[], stream: [] as Burst[] }]),
  );
  const latencies = new Map(
    rows.map((row) => [row.name, { plain: emptyLatencies(), stream: emptyLatencies() }]),
  );
  for (let round = 0; round < options.rounds; round += 1) {
    for (const mode of modes) {
      for (const row of shuffled(rows, random)) {
        const upstreamBefore = await upstream.counts({ clear: true });
        const gatewayBefore = await row.process?.stats();
        const result = await burst(row.call, mode, {
          calls: options.calls,
          concurrency: options.concurrency,
          into: latencies.get(row.name)?.[mode],
        });
        const gatewayAfter = await row.process?.stats();
        const upstreamAfter = await upstream.counts({ clear: true });
        bursts.get(row.name)?.[mode].push({
          calls: options.calls,
          errors: result.errors,
          seconds: result.seconds,
          gatewayCpuUsPerCall:
            gatewayBefore && gatewayAfter
              ? (cpuUs(gatewayAfter.cpu) - cpuUs(gatewayBefore.cpu)) / options.calls
              : Number.NaN,
          upstreamLoad:
            (cpuUs(upstreamAfter.cpu) - cpuUs(upstreamBefore.cpu)) / 1e6 / result.seconds,
        });
      }
    }
  }
  return { bursts, latencies };
}
