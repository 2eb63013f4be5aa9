import type { DecisionTrace, TraceAttempt } from '../trace/decision-trace.js';
import type { AttemptStartEvent, CallStartEvent, RouterEvents } from '../trace/router-events.js';

/** `call-start`; the caller checks that someone listens. */
export function emitCallStart(events: RouterEvents, trace: DecisionTrace, content: unknown): void {
  const { callId, route, operation, strategy, startedAt } = trace;
  const event: CallStartEvent = { callId, route, operation, strategy, startedAt };
  if (content !== undefined) event.content = content;
  events.emit('call-start', event);
}

/** `attempt-start`; the caller checks that someone listens. */
export function emitAttemptStart(
  events: RouterEvents,
  callId: string,
  route: string,
  record: TraceAttempt,
): void {
  const { attempt, target, provider, model, probe, panic } = record;
  const event: AttemptStartEvent = { callId, route, attempt, target, provider, model };
  if (probe) event.probe = true;
  if (panic) event.panic = true;
  events.emit('attempt-start', event);
}

/** `attempt-end`, when someone listens. */
export function emitAttemptEnd(
  events: RouterEvents,
  callId: string,
  route: string,
  record: TraceAttempt,
): void {
  if (events.has('attempt-end')) events.emit('attempt-end', { ...record, callId, route });
}
