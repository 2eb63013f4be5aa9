import type { GiveUp } from '../trace/decision-trace.js';

/** Why the attempt loop stopped, for the last attempt's `giveUp` in the trace. */
export function giveUpOf({
  deadlineExceeded,
  budgetSpent,
  attempts,
  maxAttempts,
}: {
  deadlineExceeded: boolean;
  budgetSpent: string | undefined;
  attempts: number;
  maxAttempts: number;
}): GiveUp {
  if (deadlineExceeded) return { reason: 'deadline', message: 'the call deadline passed' };
  if (budgetSpent) return { reason: 'retry-budget', message: budgetSpent };
  if (attempts >= maxAttempts)
    return { reason: 'max-attempts', message: `retry.maxAttempts (${maxAttempts}) reached` };
  return { reason: 'no-candidates', message: 'no candidate left that may be tried again' };
}

/** The `skipped` message of a candidate the health registry holds back. */
export function describeUnavailable(
  unavailable: { reason: string; until: number },
  now: number,
): string {
  const seconds = Math.max(0, Math.ceil((unavailable.until - now) / 1000));
  if (unavailable.reason === 'cooling-down') return `rate limited; cooling down for ${seconds} s`;
  if (unavailable.reason === 'half-open-busy') return 'breaker half-open; its probe is in flight';
  return `breaker open for ${seconds} s`;
}
