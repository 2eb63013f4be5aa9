import { burst, type Mode } from './concurrent.js';
import { buildRow, type RowName } from './rows.js';
import type { Upstream } from './upstream-process.js';

export interface FaultResult {
  row: RowName;
  mode: Mode;
  calls: number;
  lost: number;
  /** Requests that reached the failing primary, and how many of them it failed. */
  primaryRequests: number;
  primaryFailed: number;
  secondaryRequests: number;
}

/**
 * The primary answers 503 to `rate` of its requests (seeded), the secondary is healthy. Each row
 * and mode starts from a fresh client (no state carried over from another run) and the same
 * seeded fault sequence, then makes `calls` calls at `concurrency` in flight.
 */
export async function runFaults(
  upstream: Upstream,
  rowNames: readonly RowName[],
  {
    calls,
    concurrency,
    rate,
    seed,
  }: { calls: number; concurrency: number; rate: number; seed: number },
): Promise<FaultResult[]> {
  const results: FaultResult[] = [];
  const { flaky, secondary } = upstream.servers;
  try {
    for (const mode of ['generate', 'stream'] as const) {
      for (const name of rowNames) {
        const row = buildRow(name, flaky, secondary);
        await upstream.setFaults(rate, seed);
        await upstream.counts({ clear: true });
        const { lost } = await burst(row, mode, { calls, concurrency });
        const { counts } = await upstream.counts({ clear: true });
        results.push({
          row: name,
          mode,
          calls,
          lost,
          primaryRequests: counts.flaky.requests,
          primaryFailed: counts.flaky.failed,
          secondaryRequests: counts.secondary.requests,
        });
        await row.router?.close();
      }
    }
  } finally {
    await upstream.setFaults(0, seed);
  }
  return results;
}
