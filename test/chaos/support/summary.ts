import { appendFileSync } from 'node:fs';

/** One scenario's measured figure, as the summary table prints it. */
export interface ScenarioFigure {
  scenario: string;
  /** `ai-sdk` (the in-process router through generateText/streamText) or `gateway` (openai client). */
  path: string;
  /** What was measured, e.g. `upstream attempts = 3`. */
  figure: string;
  /** The pass criterion, e.g. `= retry.maxAttempts (3)`. */
  criterion: string;
  pass: boolean;
}

/** Where the workers append figures; set by summary-setup.ts (the vitest globalSetup). */
export const summaryFileVariable = 'MODELMUX_CHAOS_SUMMARY_FILE';

/**
 * Records a scenario's figure for the summary table printed at the end of the run. Call it
 * before the scenario's assertions, so a failing scenario still shows its figure (as MISS).
 */
export function recordFigure(figure: ScenarioFigure): void {
  const file = process.env[summaryFileVariable];
  if (!file) return;
  appendFileSync(file, `${JSON.stringify(figure)}\n`);
}
