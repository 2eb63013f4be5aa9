import { seededRandom } from '@modelmux/testkit';
import { generateOnce, streamOnce } from './calls.js';
import type { Row } from './rows.js';
import { shuffled } from './stats.js';

export interface SequentialSamples {
  generateMs: number[];
  ttftMs: number[];
  streamMs: number[];
  lost: number;
}

/**
 * One call at a time (c=1). Rows are interleaved call by call, in a fresh shuffled order each
 * cycle, so drift (CPU frequency, GC, the other process) spreads evenly over every row instead
 * of landing on whichever row ran during it.
 */
export async function runSequential(
  rows: readonly Row[],
  { cycles, seed }: { cycles: number; seed: number },
): Promise<Map<string, SequentialSamples>> {
  const random = seededRandom(seed);
  const samples = new Map<string, SequentialSamples>(
    rows.map((row) => [row.name, { generateMs: [], ttftMs: [], streamMs: [], lost: 0 }]),
  );
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    for (const row of shuffled(rows, random)) {
      const into = samples.get(row.name) as SequentialSamples;
      const sample = await generateOnce(row);
      into.generateMs.push(sample.ms);
      if (!sample.ok) into.lost += 1;
    }
  }
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    for (const row of shuffled(rows, random)) {
      const into = samples.get(row.name) as SequentialSamples;
      const sample = await streamOnce(row);
      into.ttftMs.push(sample.ttftMs);
      into.streamMs.push(sample.totalMs);
      if (!sample.ok) into.lost += 1;
    }
  }
  return samples;
}
