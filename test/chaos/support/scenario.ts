import { afterAll, expect } from 'vitest';
import { canaryHits } from './evidence.js';
import { recordFigure } from './summary.js';

/**
 * Records a scenario's figure for the summary table, then asserts its criterion, so the table
 * shows a MISS with its figure when a scenario fails.
 */
export function judge(
  scenario: string,
  path: string,
  figure: string,
  criterion: string,
  pass: boolean,
): void {
  recordFigure({ scenario, path, figure, criterion, pass });
  expect(pass, `${scenario} (${path}): ${figure}; expected ${criterion}`).toBe(true);
}

/**
 * After every scenario of a file: no form of the canary key in anything the file saw (logs,
 * traces, events, stats, errors, responses).
 */
export function scanForCanaryAfterAll(file: string): void {
  afterAll(() => {
    const { seenChars, hits } = canaryHits();
    recordFigure({
      scenario: `canary key scan: ${file}`,
      path: 'both',
      figure: `${hits.length} hits in ${seenChars} chars`,
      criterion: '0 hits (key, last 8, SHA-256)',
      pass: hits.length === 0 && seenChars > 0,
    });
    expect(hits).toEqual([]);
    expect(seenChars).toBeGreaterThan(0);
  });
}
