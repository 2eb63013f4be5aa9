import { classifyError } from '../errors/classify-error.js';
import type { ClassifiedError } from '../errors/error-class.js';
import type { ActiveAttempt } from './active-attempt.js';

/**
 * Why an attempt failed: the router's own reason for aborting it (a timeout, a lost hedge) when
 * it did and the caller had not, else what the target threw. A caller's abort is `aborted`.
 */
export function classifyAttemptError(
  attempt: ActiveAttempt,
  error: unknown,
  callerSignal: AbortSignal | undefined,
): ClassifiedError {
  const callerAborted = callerSignal?.aborted === true;
  const { signal } = attempt.controller;
  return classifyError(signal.aborted && !callerAborted ? signal.reason : error, {
    callerAborted,
  });
}
