import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ResolvedTarget } from '../options/resolved-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import type {
  AttemptStartEvent,
  CallStartEvent,
  HealthEvent,
  RouterEventMap,
  RouterEvents,
} from '../trace/router-events.js';
import { contentAttribute } from './content-attribute.js';
import { hedgeOutcome } from './hedge-outcome.js';
import {
  genAi,
  genAiProviderName,
  modelmux,
  operationName,
  spanEvents,
} from './semantic-conventions.js';
import { type ServerAddress, serverAddressOf } from './server-address.js';

export interface CallSpansOptions {
  /** The tracer, or undefined while no SDK is registered (see live-tracer.ts). */
  tracer: () => Tracer | undefined;
  targets: ReadonlyMap<string, ResolvedTarget>;
}

interface CallState {
  span: Span;
  /** The call span's context: the parent of its attempt spans. */
  context: Context;
  attempts: Map<number, Span>;
  operationName: string;
  tracer: Tracer;
}

type AttemptEnd = RouterEventMap['attempt-end'];

/**
 * A span per routed call, a child of the caller's active context (an AI SDK user's spans become
 * its parents), and a CLIENT span per attempt under it, following the GenAI semantic conventions.
 * Spans start and end as the call and its attempts do. While no OTel SDK is registered nothing is
 * started; a span that does not record (sampled out) is dropped at once and its attempts make none.
 * Returns the unsubscribe function.
 */
export function attachCallSpans(events: RouterEvents, options: CallSpansOptions): () => void {
  const { targets } = options;
  const calls = new Map<string, CallState>();
  /** The attempt spans in flight per target, for breaker events. */
  const running = new Map<string, Set<{ attempt: Span; call: Span }>>();
  const addresses = new Map<string, ServerAddress | undefined>();

  function addressOf(targetId: string): ServerAddress | undefined {
    if (!addresses.has(targetId)) {
      const target = targets.get(targetId);
      addresses.set(targetId, target ? serverAddressOf(target) : undefined);
    }
    return addresses.get(targetId);
  }

  function callStarted(event: CallStartEvent): void {
    const tracer = options.tracer();
    if (!tracer) return;
    const attributes: Attributes = {
      [genAi.operationName]: operationName(event.operation),
      [genAi.requestModel]: event.route,
      [modelmux.route]: event.route,
      [modelmux.strategy]: event.strategy,
      [modelmux.operation]: event.operation,
      [modelmux.callId]: event.callId,
    };
    const parent = context.active();
    const span = tracer.startSpan(
      `${operationName(event.operation)} ${event.route}`,
      { kind: SpanKind.INTERNAL, attributes },
      parent,
    );
    if (!span.isRecording()) return;
    if (event.content !== undefined)
      span.setAttribute(genAi.inputMessages, contentAttribute(event.content));
    calls.set(event.callId, {
      span,
      context: trace.setSpan(parent, span),
      attempts: new Map(),
      operationName: operationName(event.operation),
      tracer,
    });
  }

  function attemptStarted(event: AttemptStartEvent): void {
    const call = calls.get(event.callId);
    if (!call) return;
    const tracer = call.tracer;
    const attributes: Attributes = {
      [genAi.operationName]: call.operationName,
      [genAi.providerName]: genAiProviderName(event.provider),
      [genAi.requestModel]: event.model,
      [modelmux.route]: event.route,
      [modelmux.target]: event.target,
      [modelmux.attempt]: event.attempt,
    };
    const address = addressOf(event.target);
    if (address) {
      attributes[genAi.serverAddress] = address.address;
      if (address.port !== undefined) attributes[genAi.serverPort] = address.port;
    }
    if (event.probe) attributes[modelmux.probe] = true;
    if (event.panic) attributes[modelmux.panic] = true;
    const span = tracer.startSpan(
      `${call.operationName} ${event.model}`,
      { kind: SpanKind.CLIENT, attributes },
      call.context,
    );
    call.attempts.set(event.attempt, span);
    let set = running.get(event.target);
    if (!set) {
      set = new Set();
      running.set(event.target, set);
    }
    set.add({ attempt: span, call: call.span });
  }

  function attemptEnded(event: AttemptEnd): void {
    const call = calls.get(event.callId);
    const span = call?.attempts.get(event.attempt);
    if (!call || !span) return;
    call.attempts.delete(event.attempt);
    const set = running.get(event.target);
    if (set) {
      for (const entry of set) if (entry.attempt === span) set.delete(entry);
    }
    span.setAttribute(genAi.responseModel, event.model);
    span.setAttribute(modelmux.outcome, event.outcome);
    if (event.usage?.inputTokens !== undefined)
      span.setAttribute(genAi.inputTokens, event.usage.inputTokens);
    if (event.usage?.outputTokens !== undefined)
      span.setAttribute(genAi.outputTokens, event.usage.outputTokens);
    if (event.costUsd !== undefined) span.setAttribute(modelmux.costUsd, event.costUsd);
    if (event.ttftMs !== undefined) span.setAttribute(modelmux.ttftMs, event.ttftMs);
    if (event.next !== undefined) span.setAttribute(modelmux.next, event.next);
    if (event.hedge) span.setAttribute(modelmux.hedge, true);
    if (event.hedgeLost) {
      // Cancelled by the router because its rival delivered first: not an error.
      span.setAttribute(modelmux.hedgeLost, true);
    } else if (event.outcome !== 'success') {
      span.setAttribute(genAi.errorType, event.reason ?? event.errorClass ?? event.outcome);
      if (event.errorClass !== undefined) span.setAttribute(modelmux.errorClass, event.errorClass);
      if (event.status !== undefined) span.setAttribute(genAi.httpStatus, event.status);
      // The trace's message is scrubbed (errors/redact.ts): no key, URL or body.
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.message ?? event.outcome });
    }
    if (event.next === 'fail-over' || event.next === 'retry-after-backoff') {
      const attributes: Attributes = {
        [modelmux.target]: event.target,
        [modelmux.attempt]: event.attempt,
      };
      if (event.errorClass !== undefined) attributes[modelmux.errorClass] = event.errorClass;
      if (event.reason !== undefined) attributes[modelmux.reason] = event.reason;
      call.span.addEvent(spanEvents.failOver, attributes);
    }
    span.end();
  }

  /** A cache hit makes no attempt and has no call-start: its span is made whole here. */
  function cacheHit(decision: DecisionTrace): void {
    const tracer = options.tracer();
    if (!tracer) return;
    const endTime = Date.now();
    const span = tracer.startSpan(
      `${operationName(decision.operation)} ${decision.route}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: endTime - decision.durationMs,
        attributes: {
          [genAi.operationName]: operationName(decision.operation),
          [genAi.requestModel]: decision.route,
          [modelmux.route]: decision.route,
          [modelmux.strategy]: decision.strategy,
          [modelmux.operation]: decision.operation,
          [modelmux.callId]: decision.callId,
          [modelmux.outcome]: decision.outcome,
          [modelmux.cacheHit]: true,
          [modelmux.attempts]: 0,
        },
      },
      context.active(),
    );
    if (decision.target !== undefined) span.setAttribute(modelmux.target, decision.target);
    if (decision.costSavedUsd !== undefined)
      span.setAttribute(modelmux.costSavedUsd, decision.costSavedUsd);
    span.end(endTime);
  }

  function callEnded(decision: DecisionTrace): void {
    const call = calls.get(decision.callId);
    if (!call) {
      if (decision.cache === 'hit') cacheHit(decision);
      return;
    }
    calls.delete(decision.callId);
    if (decision.cache === 'miss') call.span.setAttribute(modelmux.cacheHit, false);
    // An attempt still open here (a stream the caller dropped) ends with its call.
    for (const span of call.attempts.values()) span.end();
    const { span } = call;
    span.setAttribute(modelmux.outcome, decision.outcome);
    span.setAttribute(modelmux.attempts, decision.attempts.length);
    span.setAttribute(
      modelmux.candidates,
      decision.candidates.map((candidate) => candidate.target),
    );
    for (const candidate of decision.candidates) {
      if (!candidate.skipped) continue;
      span.addEvent(spanEvents.candidateSkipped, {
        [modelmux.target]: candidate.target,
        [modelmux.skipReason]: candidate.skipped.code,
      });
    }
    const answered = decision.attempts.findLast((attempt) => attempt.outcome === 'success');
    if (decision.target !== undefined) {
      span.setAttribute(modelmux.target, decision.target);
      const last = decision.attempts.findLast((attempt) => attempt.target === decision.target);
      if (last) {
        span.setAttribute(genAi.providerName, genAiProviderName(last.provider));
        span.setAttribute(genAi.responseModel, last.model);
      }
    }
    if (decision.panic) span.setAttribute(modelmux.panic, true);
    if (decision.hedge) {
      span.setAttribute(modelmux.hedge, true);
      span.setAttribute(modelmux.hedgeTarget, decision.hedge.target);
      span.setAttribute(modelmux.hedgeAfterMs, decision.hedge.afterMs);
      span.setAttribute(modelmux.hedgeOutcome, hedgeOutcome(decision.hedge));
      if (decision.hedge.winner !== undefined)
        span.setAttribute(modelmux.hedgeWinner, decision.hedge.winner);
    }
    if (decision.usage?.inputTokens !== undefined)
      span.setAttribute(genAi.inputTokens, decision.usage.inputTokens);
    if (decision.usage?.outputTokens !== undefined)
      span.setAttribute(genAi.outputTokens, decision.usage.outputTokens);
    if (decision.costUsd !== undefined) span.setAttribute(modelmux.costUsd, decision.costUsd);
    if (!answered && decision.outcome !== 'success' && decision.outcome !== 'aborted') {
      const last = decision.attempts.at(-1);
      const errorType = last?.reason ?? last?.errorClass ?? decision.outcome;
      span.setAttribute(genAi.errorType, errorType);
      if (last?.errorClass !== undefined) span.setAttribute(modelmux.errorClass, last.errorClass);
      span.setStatus({ code: SpanStatusCode.ERROR, message: `modelmux call ${decision.outcome}` });
    } else if (decision.outcome === 'interrupted') {
      span.setAttribute(genAi.errorType, 'interrupted');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'modelmux call interrupted' });
    }
    span.end();
  }

  function healthChanged(name: keyof typeof spanEvents, event: HealthEvent): void {
    const set = running.get(event.targetId);
    if (!set || set.size === 0) return;
    const attributes: Attributes = { [modelmux.target]: event.targetId };
    if (event.reason !== undefined) attributes[modelmux.reason] = event.reason;
    if (event.until !== undefined) attributes[modelmux.forMs] = Math.max(0, event.until - event.at);
    for (const entry of set) {
      entry.attempt.addEvent(spanEvents[name], attributes);
      entry.call.addEvent(spanEvents[name], attributes);
    }
  }

  // While no SDK is registered the call events have no audience here: the router builds none.
  const live = { when: () => options.tracer() !== undefined };
  const unsubscribe = [
    events.on('call-start', callStarted, live),
    events.on('attempt-start', attemptStarted, live),
    events.on('attempt-end', attemptEnded, live),
    events.on('decision', callEnded, live),
    events.on('breaker-open', (event) => healthChanged('breaker-open', event)),
    events.on('breaker-half-open', (event) => healthChanged('breaker-half-open', event)),
    events.on('breaker-close', (event) => healthChanged('breaker-close', event)),
    events.on('target-cooldown', (event) => healthChanged('target-cooldown', event)),
  ];
  return () => {
    for (const stop of unsubscribe) stop();
  };
}
