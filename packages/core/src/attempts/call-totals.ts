import type { DecisionTrace } from '../trace/decision-trace.js';

/** Sums the attempts' usage and cost onto the call's trace (left unset when none reported any). */
export function addCallTotals(trace: DecisionTrace): void {
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let costUsd: number | undefined;
  for (const attempt of trace.attempts) {
    if (attempt.usage?.inputTokens !== undefined)
      inputTokens = (inputTokens ?? 0) + attempt.usage.inputTokens;
    if (attempt.usage?.outputTokens !== undefined)
      outputTokens = (outputTokens ?? 0) + attempt.usage.outputTokens;
    if (attempt.costUsd !== undefined) costUsd = (costUsd ?? 0) + attempt.costUsd;
  }
  if (inputTokens !== undefined || outputTokens !== undefined)
    trace.usage = { inputTokens, outputTokens };
  if (costUsd !== undefined) trace.costUsd = costUsd;
}
