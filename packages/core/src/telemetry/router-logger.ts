import type { DecisionTrace, TraceAttempt } from '../trace/decision-trace.js';
import type { HealthEvent, RouterEvents } from '../trace/router-events.js';
import { hedgeOutcome } from './hedge-outcome.js';

/**
 * Where the router writes its lines: pino's logger fits as it is (`info(fields, message)`), and so
 * does anything with the same two methods.
 */
export interface RouterLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export function isRouterLogger(value: unknown): value is RouterLogger {
  const logger = value as Partial<RouterLogger> | null;
  return typeof logger?.info === 'function' && typeof logger.warn === 'function';
}

/**
 * The fields of a call's one log line. Built field by field from the decision trace, so nothing
 * the router did not choose to log (a prompt, a header, a raw upstream error) can get in.
 */
export function decisionLogFields(trace: DecisionTrace): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    callId: trace.callId,
    route: trace.route,
    operation: trace.operation,
    strategy: trace.strategy,
    outcome: trace.outcome,
  };
  if (trace.target !== undefined) fields.target = trace.target;
  fields.attempts = trace.attempts.length;
  fields.tried = trace.attempts.map(attemptSummary);
  const skipped = trace.candidates.filter((candidate) => candidate.skipped);
  if (skipped.length > 0) {
    fields.skipped = skipped.map((candidate) => `${candidate.target}:${candidate.skipped?.code}`);
  }
  if (trace.panic) fields.panic = true;
  if (trace.hedge) fields.hedge = `${trace.hedge.target}:${hedgeOutcome(trace.hedge)}`;
  fields.durationMs = trace.durationMs;
  if (trace.usage?.inputTokens !== undefined) fields.inputTokens = trace.usage.inputTokens;
  if (trace.usage?.outputTokens !== undefined) fields.outputTokens = trace.usage.outputTokens;
  if (trace.costUsd !== undefined) fields.costUsd = trace.costUsd;
  if (trace.cache !== undefined) fields.cache = trace.cache;
  if (trace.costSavedUsd !== undefined) fields.costSavedUsd = trace.costSavedUsd;
  return fields;
}

/** `primary:server-error(503)`, `backup:ok`. */
function attemptSummary(attempt: TraceAttempt): string {
  if (attempt.outcome === 'success') return `${attempt.target}:ok`;
  if (attempt.hedgeLost) return `${attempt.target}:hedge-lost`;
  const reason = attempt.reason ?? attempt.errorClass ?? attempt.outcome;
  return attempt.status === undefined
    ? `${attempt.target}:${reason}`
    : `${attempt.target}:${reason}(${attempt.status})`;
}

function healthLogFields(event: HealthEvent): Record<string, unknown> {
  const fields: Record<string, unknown> = { target: event.targetId };
  if (event.reason !== undefined) fields.reason = event.reason;
  if (event.until !== undefined) fields.forMs = Math.max(0, Math.round(event.until - event.at));
  return fields;
}

const healthMessages = {
  'breaker-open': 'modelmux breaker open',
  'breaker-half-open': 'modelmux breaker half-open',
  'breaker-close': 'modelmux breaker closed',
  'target-cooldown': 'modelmux target cooling down',
} as const;

/**
 * One line per call (`info`; `warn` when it failed, was rejected or broke mid-stream) and one per
 * breaker change (`warn` when a breaker opens). Returns the unsubscribe function.
 */
export function attachRouterLogger(events: RouterEvents, logger: RouterLogger): () => void {
  const unsubscribe = [
    events.on('decision', (trace) => {
      const fields = decisionLogFields(trace);
      if (trace.outcome === 'success' || trace.outcome === 'aborted')
        logger.info(fields, 'modelmux call');
      else logger.warn(fields, 'modelmux call');
    }),
  ];
  for (const name of Object.keys(healthMessages) as (keyof typeof healthMessages)[]) {
    unsubscribe.push(
      events.on(name, (event) => {
        const fields = healthLogFields(event);
        if (name === 'breaker-open') logger.warn(fields, healthMessages[name]);
        else logger.info(fields, healthMessages[name]);
      }),
    );
  }
  return () => {
    for (const stop of unsubscribe) stop();
  };
}
