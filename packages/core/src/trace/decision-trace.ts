import type { ErrorClass, ErrorReason } from '../errors/error-class.js';
import type { SelectionStep } from '../selection/selection-trace.js';

/** Why a candidate was passed over without an attempt. */
export interface CandidateSkip {
  code:
    | 'no-tools'
    | 'no-vision'
    | 'no-json'
    | 'context-window'
    | 'breaker-open'
    | 'cooling-down'
    | 'half-open-busy'
    | 'rpm-limit'
    | 'tpm-limit'
    | 'duplicate';
  message: string;
  /** When the target may be used again (health skips). */
  until?: number;
}

export interface TraceCandidate {
  target: string;
  /** The routes that led here, outermost first: nested routes show as several names. */
  via: string[];
  skipped?: CandidateSkip;
}

export interface TraceUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

/** One try against one target. */
export interface TraceAttempt {
  /** 1-based. */
  attempt: number;
  target: string;
  provider: string;
  model: string;
  outcome: 'success' | 'error' | 'aborted';
  errorClass?: ErrorClass;
  reason?: ErrorReason;
  status?: number;
  /** Scrubbed one-line error description. */
  message?: string;
  /** Time to first content part (streams). */
  ttftMs?: number;
  durationMs: number;
  usage?: TraceUsage;
  costUsd?: number;
  /** A probe of a half-open breaker. */
  probe?: boolean;
  /** Tried although unhealthy because every candidate was (panic mode). */
  panic?: boolean;
  /** What the router did after this attempt, and why. */
  next?: 'fail-over' | 'retry-after-backoff' | 'give-up' | 'stop' | 'continue';
  /**
   * This attempt continues a stream that broke after content (`route.continuation`): the broken
   * attempt's number and the character of the caller's text where this attempt's text begins.
   */
  continues?: { attempt: number; atChar: number };
  /** The backoff waited before the next attempt. */
  backoffMs?: number;
  /** Started as a hedge beside a slow attempt (route option `hedge`). */
  hedge?: boolean;
  /** Cancelled because the other attempt of its hedge delivered first. */
  hedgeLost?: boolean;
  /** `usage` and `costUsd` are estimates: the prompt's input tokens (a cancelled hedge). */
  usageEstimated?: boolean;
  /** Why the router gave up after this attempt (set with `next: 'give-up'`). */
  giveUp?: GiveUp;
}

/** Why a call stopped trying. */
export interface GiveUp {
  /**
   * deadline: the call's deadline passed. retry-budget: the router's retry budget is spent.
   * max-attempts: retry.maxAttempts reached. no-candidates: nothing left that may be retried.
   */
  reason: 'deadline' | 'retry-budget' | 'max-attempts' | 'no-candidates';
  message: string;
}

/** The full account of one routed call; plain JSON (it travels in providerMetadata). */
export interface DecisionTrace {
  callId: string;
  route: string;
  operation: 'generate' | 'stream' | 'embed';
  strategy: string;
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
  outcome: 'success' | 'failed' | 'rejected' | 'aborted' | 'interrupted';
  /** The target that answered. */
  target?: string;
  candidates: TraceCandidate[];
  attempts: TraceAttempt[];
  /** Every candidate was unhealthy, so the one recovering soonest was tried. */
  panic?: boolean;
  /**
   * A hedge started: after `afterMs` without content, on `target`; `winner` is the target that
   * delivered first (unset when neither did).
   */
  hedge?: { afterMs: number; target: string; winner?: string };
  usage?: TraceUsage;
  /** Sum over all attempts, failed ones that consumed tokens included. */
  costUsd?: number;
  metadata?: Record<string, string>;
  /** The route's response cache: 'hit' answered from it (no attempt), 'miss' looked and stored. */
  cache?: 'hit' | 'miss';
  /** On a cache hit: what the cached answer cost when it was made, USD. */
  costSavedUsd?: number;
  /** How rules, complexity or cascade routes chose this call's route, outermost first. */
  selection?: SelectionStep[];
}
