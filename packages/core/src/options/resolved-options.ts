import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import type { RetryBudgetPolicy } from '../attempts/retry-budget.js';
import type { Clock } from '../clock.js';
import type { ResolvedSelection } from '../selection/resolved-selection.js';
import type { Store } from '../store/store.js';
import type { Strategy } from '../strategies/strategy.js';
import type { RouterLogger } from '../telemetry/router-logger.js';
import type { ResolvedTelemetry } from '../telemetry/telemetry-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';

/** Price in USD per million tokens. */
export interface Price {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
  /** Cached input tokens (cache reads). @default inputUsdPerMillion */
  cachedInputUsdPerMillion?: number;
  /** Input tokens written to a prompt cache (Anthropic, Bedrock). @default inputUsdPerMillion */
  cacheWriteUsdPerMillion?: number;
  /**
   * Long-context rates: once a call's input tokens (cached ones included) exceed a tier's
   * `aboveInputTokens`, every token of that call is billed at the tier's rates, as Gemini 2.5
   * Pro and Claude Sonnet 4.5 bill prompts over 200k tokens. The highest tier passed wins.
   */
  tiers?: readonly PriceTier[];
}

/** Rates that replace a `Price`'s base rates above an input size; see `Price.tiers`. */
export interface PriceTier {
  /** The tier applies when a call's input tokens are more than this. */
  aboveInputTokens: number;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
  /** @default this tier's inputUsdPerMillion */
  cachedInputUsdPerMillion?: number;
  /** @default this tier's inputUsdPerMillion */
  cacheWriteUsdPerMillion?: number;
}

export interface Capabilities {
  tools: boolean;
  vision: boolean;
  json: boolean;
  /** Continues a trailing assistant message (prefill), for stream continuation. */
  prefill: boolean;
}

/** Per-attempt and per-call time limits, all in milliseconds; undefined means no limit. */
export interface Timeouts {
  /** One attempt, from its start until the answer (non-stream) or the first content (stream). */
  attemptMs: number | undefined;
  /** From an attempt's start until the first content part of a stream. */
  firstChunkMs: number | undefined;
  /** Longest gap between two stream parts once content has started. */
  idleMs: number | undefined;
  /** The whole call, every attempt and backoff included. */
  deadlineMs: number | undefined;
}

/** A route's `hedge` option with its defaults. */
export interface HedgePolicy {
  /** Start a hedge after this long without content: ms, or the target's observed p95. */
  afterMs: number | 'p95';
  /** The wait under `'p95'` while the target has fewer than 20 samples. */
  fallbackMs: number;
  /** Hedges at most this share of the route's calls over `windowMs` (at least one per window). */
  maxExtraRatio: number;
  windowMs: number;
}

export interface RetryPolicy {
  /** Attempts per call, across all targets. */
  maxAttempts: number;
  /** Full-jitter backoff before the same target is tried again. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface BreakerPolicy {
  /** Trip after this many failures in a row. */
  consecutiveFailures: number;
  /** Or when this share of calls in the window failed... */
  failureRatio: number;
  /** ...over this sliding window... */
  windowMs: number;
  /** ...with at least this many calls in it. */
  minimumCalls: number;
  /** First open period; doubles on each trip in a row, up to maxCooldownMs. */
  cooldownMs: number;
  maxCooldownMs: number;
  /** Calls let through at once while half-open. */
  halfOpenProbes: number;
}

export interface RateLimitCooldownPolicy {
  /** Cooldown after a 429 that names no time. */
  defaultMs: number;
  /** A provider's Retry-After is honoured up to this cap. */
  maxMs: number;
}

export interface ResolvedTarget {
  id: string;
  kind: 'language' | 'embedding';
  /** Always spec v4: v2/v3 models are adapted at start-up. */
  languageModel: LanguageModelV4 | undefined;
  embeddingModel: EmbeddingModelV4 | undefined;
  /** Provider family for traces and telemetry, e.g. `openai`, `anthropic`, `google`. */
  provider: string;
  modelId: string;
  region: string | undefined;
  price: Price | undefined;
  /** Where the price came from: the target's options or the price table. */
  priceSource: 'options' | 'table' | 'unknown';
  contextWindow: number | undefined;
  capabilities: Capabilities;
  weight: number;
  /** The provider's quota for this deployment, per minute; undefined when none is set. */
  limits?: { rpm?: number | undefined; tpm?: number | undefined } | undefined;
  /** Target-level overrides of the route's timeouts. */
  timeouts: Partial<Timeouts>;
}

export type RouteMember =
  | { kind: 'target'; id: string; weight: number }
  | { kind: 'route'; id: string; weight: number };

export interface ResolvedRoute {
  name: string;
  kind: 'language' | 'embedding';
  strategy: Strategy;
  members: readonly RouteMember[];
  retry: RetryPolicy;
  /** Undefined: the route never hedges. */
  hedge: HedgePolicy | undefined;
  /** The retry budget this route's calls spend; undefined: none. */
  retryBudget: RetryBudgetPolicy | undefined;
  /** The route keeps its own budget rather than sharing the router's. */
  ownRetryBudget: boolean;
  /** What a stream that breaks after content does: end with an error part, or continue. */
  continuation: 'off' | 'prefill';
  timeouts: Timeouts;
  /** The exact response cache; undefined when off. */
  cache?: { ttlMs: number } | undefined;
  /** Set on a route that chooses another route per call (rules, complexity, cascade). */
  selection?: ResolvedSelection;
}

export interface RateLimits {
  rpm?: number | undefined;
  tpm?: number | undefined;
}

export interface LimitsPolicy {
  perKey?: RateLimits | undefined;
  perUser?: RateLimits | undefined;
  perTenant?: RateLimits | undefined;
  /** The metadata fields that name the key, user and tenant. */
  metadataKeys: { key: string; user: string; tenant: string };
  /** Output tokens a reservation assumes when a call sets no maxOutputTokens. */
  reserveOutputTokens: number;
}

export interface BudgetPolicy {
  scope: 'key' | 'user' | 'tenant' | 'route' | 'global';
  usd: number;
  per: 'day' | 'month';
  routes?: string[] | undefined;
}

export interface ResolvedOptions {
  targets: ReadonlyMap<string, ResolvedTarget>;
  routes: ReadonlyMap<string, ResolvedRoute>;
  /** One implicit single-target route per target id, so a target can be called by its id. */
  targetRoutes: ReadonlyMap<string, ResolvedRoute>;
  breaker: BreakerPolicy;
  rateLimitCooldown: RateLimitCooldownPolicy;
  limits: LimitsPolicy;
  budgets: readonly BudgetPolicy[];
  /** The router-wide retry budget the routes share; undefined: none. */
  retryBudget: RetryBudgetPolicy | undefined;
  clock: Clock;
  random: () => number;
  store: Store;
  /** Called with the decision trace of every routed call, once it has ended. */
  onDecision: ((trace: DecisionTrace) => void) | undefined;
  telemetry: ResolvedTelemetry;
  logger: RouterLogger | undefined;
}
