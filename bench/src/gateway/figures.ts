import { median, quantile } from '../stats.js';
import type { Burst, Latencies, Mode } from './load.js';

/** One row and mode at one concurrency: latency in ms (ok calls only). */
export interface LatencyFigures {
  median: number;
  p99: number;
  ttftMedian: number;
  ttftP99: number;
}

export interface ThroughputFigures extends LatencyFigures {
  /** Requests per second, median over rounds. */
  rps: number;
  /** Median over rounds of this row's req/s over the direct row's in the same round. */
  directRatio: number;
  /** The same, over the bare proxy's. */
  proxyRatio: number;
  /** The gateway process's CPU time per call, median over rounds. */
  gatewayCpuUs: number;
}

export interface RowFigures {
  name: string;
  c1: Record<Mode, LatencyFigures>;
  c32: Record<Mode, ThroughputFigures>;
  /** MiB after the load, and the process's peak; undefined for the direct row (no process). */
  rssMiB: { now: number; peak: number } | undefined;
  errors: number;
  calls: number;
}

export interface Measured {
  name: string;
  sequential: Record<Mode, Latencies>;
  concurrent: Record<Mode, Latencies>;
  bursts: Record<Mode, Burst[]>;
  rssMiB: { now: number; peak: number } | undefined;
}

function latencyFigures(latencies: Latencies): LatencyFigures {
  return {
    median: median(latencies.ms),
    p99: quantile(latencies.ms, 0.99),
    ttftMedian: median(latencies.ttftMs),
    ttftP99: quantile(latencies.ttftMs, 0.99),
  };
}

function perRoundRatio(bursts: readonly Burst[], reference: readonly Burst[] | undefined): number {
  if (!reference) return Number.NaN;
  const rps = (entry: Burst) => entry.calls / entry.seconds;
  return median(bursts.map((entry, index) => rps(entry) / rps(reference[index] as Burst)));
}

export function rowFigures(measured: readonly Measured[]): RowFigures[] {
  const direct = measured.find((row) => row.name === 'direct');
  const proxy = measured.find((row) => row.name === 'proxy');
  return measured.map((row) => {
    const throughput = (mode: Mode): ThroughputFigures => ({
      ...latencyFigures(row.concurrent[mode]),
      rps: median(row.bursts[mode].map((entry) => entry.calls / entry.seconds)),
      directRatio: perRoundRatio(row.bursts[mode], direct?.bursts[mode]),
      proxyRatio: perRoundRatio(row.bursts[mode], proxy?.bursts[mode]),
      gatewayCpuUs: median(row.bursts[mode].map((entry) => entry.gatewayCpuUsPerCall)),
    });
    const all = [
      row.sequential.plain,
      row.sequential.stream,
      row.concurrent.plain,
      row.concurrent.stream,
    ];
    return {
      name: row.name,
      c1: {
        plain: latencyFigures(row.sequential.plain),
        stream: latencyFigures(row.sequential.stream),
      },
      c32: { plain: throughput('plain'), stream: throughput('stream') },
      rssMiB: row.rssMiB,
      errors: all.reduce((sum, entry) => sum + entry.errors, 0),
      calls: all.reduce((sum, entry) => sum + entry.calls, 0),
    };
  });
}
