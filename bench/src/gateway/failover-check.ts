import type { Upstream } from '../upstream-process.js';
import type { Row } from './load.js';

export interface FailoverResult {
  row: string;
  calls: number;
  errors: number;
  primaryRequests: number;
  secondaryRequests: number;
}

/**
 * Checks that the gateways' fall-back configs are the equivalent ones the table claims: with the
 * primary answering 503 to every request, each gateway must still answer every call (half of
 * them streamed) from the secondary. Run after the measurements, as it trips modelmux's breaker.
 */
export async function checkFailover(
  upstream: Upstream,
  rows: readonly Row[],
  { calls, seed }: { calls: number; seed: number },
): Promise<FailoverResult[]> {
  await upstream.setFaults(1, seed);
  const results: FailoverResult[] = [];
  try {
    for (const row of rows) {
      await upstream.counts({ clear: true });
      let errors = 0;
      for (let index = 0; index < calls; index += 1) {
        if (!(await row.call(index % 2 === 1)).ok) errors += 1;
      }
      const { counts } = await upstream.counts({ clear: true });
      results.push({
        row: row.name,
        calls,
        errors,
        primaryRequests: counts.flaky.requests,
        secondaryRequests: counts.secondary.requests,
      });
    }
  } finally {
    await upstream.setFaults(0, seed);
  }
  return results;
}
