import type { Clock } from '../clock.js';
import type { SelectionRouteOptions } from '../selection/selection-options.js';
import type { Store } from '../store/store.js';
import type { Strategy } from '../strategies/strategy.js';
import type { RouterLogger } from '../telemetry/router-logger.js';
import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import type { EmbeddingModelInput, LanguageModelInput } from './model-input.js';
import type { StrategyName } from './strategy-registry.js';

export type { EmbeddingModelInput, LanguageModelInput } from './model-input.js';
export type { StrategyName } from './strategy-registry.js';

/** What `createRouter` takes. Parsed once; a mistake throws `RouterConfigError` listing each issue. */
export interface RouterOptions {
  /** Every model deployment the routes may use. */
  targets: TargetOptions[];
  /** Named policies over targets: what an app asks for, e.g. `router.model('cheap')`. */
  routes: Record<string, RouteOptions>;
  /** Retry and timeout settings for every route that does not set them (a route wins per field). */
  defaults?: {
    /** @default { maxAttempts: 3, backoff: { baseMs: 250, maxMs: 4000 } } */
    retry?: RetryOptions;
    /** @default { attemptMs: 120000, firstChunkMs: 30000, idleMs: 30000, deadlineMs: 300000 } */
    timeouts?: TimeoutOptions;
  };
  /** Per-target circuit breaker. */
  breaker?: BreakerOptions;
  /** How long a rate-limited (429) target is left alone. */
  rateLimitCooldown?: RateLimitCooldownOptions;
  /**
   * Requests and tokens a minute per virtual key, user and tenant (read from the call's
   * metadata), and how budget reservations are estimated. @default no limits
   */
  limits?: RouterLimitOptions;
  /**
   * USD budgets per key, user, tenant, route or overall, per UTC day or month. A call reserves its
   * estimated cost before it starts and settles its real cost after. @default []
   */
  budgets?: BudgetOptions[];
  /**
   * Caps retries across all calls, so a provider outage cannot multiply the load: retries in the
   * last `windowMs` stay within max(minRetriesPerSecond x window seconds, ratio x calls). Shared
   * by every route that sets none of its own; `false` turns it off.
   * @default { ratio: 0.2, minRetriesPerSecond: 5, windowMs: 10000 }
   */
  retryBudget?: RetryBudgetOptions | false;
  /** Where shared state lives; `@modelmux/redis` shares it across instances. @default memoryStore() */
  store?: Store;
  /** Time source; tests inject a fake one. @default systemClock */
  clock?: Clock;
  /** Randomness for weighted order and backoff jitter; seed it for repeatable runs. @default Math.random */
  random?: () => number;
  /** Called with the decision trace of every routed call, once it has ended. @default undefined */
  onDecision?: (trace: DecisionTrace) => void;
  /** OpenTelemetry spans: recorded only when the app registers an OTel SDK. @default { tracing: true, recordContent: false } */
  telemetry?: TelemetryOptions;
  /** One summary line per call and a line per breaker change; pino's logger fits. @default undefined (no logs) */
  logger?: RouterLogger;
}

/** A callable model deployment: set exactly one of `model` and `embeddingModel`. */
export interface TargetOptions {
  /** Unique among targets and distinct from every route name, e.g. `'mini'`. */
  id: string;
  /**
   * A language model object, e.g. `openai('gpt-4.1-mini')`. Spec v4; v3 and v2 models are
   * adapted. A model id string is not accepted. @default undefined
   */
  model?: LanguageModelInput;
  /** An embedding model object, e.g. `openai.embedding('text-embedding-3-small')`. @default undefined */
  embeddingModel?: EmbeddingModelInput;
  /** Provider family for traces and the price table. @default derived from `model.provider`, e.g. `openai.chat` -> `openai` */
  provider?: string;
  /** Where the deployment runs, e.g. `'eu-west-1'`: for traces and the `region` strategy. @default undefined */
  region?: string;
  /** USD per million tokens. @default the built-in price table's entry for the provider and model, if any */
  price?: PriceOptions;
  /** Largest prompt plus output, in tokens; longer calls skip this target. @default undefined (no limit known) */
  contextWindow?: number;
  /** What the model can take; calls needing more skip this target. @default { tools: true, vision: true, json: true } */
  capabilities?: {
    /** @default true */
    tools?: boolean;
    /** @default true */
    vision?: boolean;
    /** @default true */
    json?: boolean;
    /**
     * Continues a trailing assistant message where it stops (assistant prefill), so a route with
     * `continuation: 'prefill'` may finish a broken stream on it.
     * @default true for provider 'anthropic', false otherwise
     */
    prefill?: boolean;
  };
  /** Share of traffic under the `weighted` strategy, relative to the others; 0 = last resort only. @default 1 */
  weight?: number;
  /**
   * The provider's quota for this deployment: a target that would pass it is skipped (the trace
   * says why) before the provider answers 429. @default no limits
   */
  limits?: RateLimitOptions;
  /** Overrides the route's `timeouts.attemptMs` for this target; `Infinity` for none. @default the route's */
  timeoutMs?: number;
  /** Overrides the route's `timeouts.firstChunkMs` for this target; `Infinity` for none. @default the route's */
  firstChunkTimeoutMs?: number;
  /** Overrides the route's `timeouts.idleMs` for this target; `Infinity` for none. @default the route's */
  idleTimeoutMs?: number;
}

export interface PriceOptions {
  /** @default none: required when `price` is set */
  inputUsdPerMillion: number;
  /** @default none: required when `price` is set */
  outputUsdPerMillion: number;
  /** Cached input tokens (cache reads). @default inputUsdPerMillion */
  cachedInputUsdPerMillion?: number;
}

/** A route member: a target id or another route's name, optionally with its own weight. */
export type RouteTargetOptions = string | { id: string; weight?: number };

/**
 * A route lists `targets`, or chooses another route per call with exactly one of `rules`,
 * `complexity` or `cascade` (see `SelectionRouteOptions`).
 */
export interface RouteOptions extends SelectionRouteOptions {
  /** How the route orders its targets for each call: a name or your own `Strategy`. @default 'priority' */
  strategy?: StrategyName | Strategy;
  /** Target ids or names of other routes (nested routes), in priority order. Required unless the route uses rules, complexity or cascade. */
  targets?: RouteTargetOptions[];
  /** @default options.defaults.retry */
  retry?: RetryOptions;
  /**
   * Hedged requests: when an attempt has not delivered content (a stream's first content part,
   * or a whole generate answer) after `afterMs`, start the next candidate on another target
   * beside it; the first to deliver wins and the other is cancelled. @default undefined (never)
   */
  hedge?: HedgeOptions;
  /**
   * When a stream breaks after content has reached the caller: `'off'` ends it with an error
   * part (StreamInterruptedError); `'prefill'` asks the next target with `capabilities.prefill`
   * to continue from the partial answer (sent as a trailing assistant message) and splices its
   * text in, so the caller reads one answer. @default 'off'
   */
  continuation?: 'off' | 'prefill';
  /**
   * This route's own retry budget (unset fields take `options.retryBudget`'s), or `false` for
   * none. @default undefined: the route shares the router's budget
   */
  retryBudget?: RetryBudgetOptions | false;
  /** @default options.defaults.timeouts */
  timeouts?: TimeoutOptions;
  /**
   * Exact response cache: a call identical to an earlier one (messages, every setting, tools, and
   * the caller's key, user and tenant) is answered from the store, streams replayed as streams.
   * @default undefined (off)
   */
  cache?: CacheOptions;
}

export interface CacheOptions {
  /** How long an answer is served from the cache, in milliseconds. */
  ttlMs: number;
}

/** Limits per minute (fixed one-minute windows). */
export interface RateLimitOptions {
  /** Requests a minute. @default no limit */
  rpm?: number;
  /** Tokens a minute (input plus output, as the provider reports them). @default no limit */
  tpm?: number;
}

export interface RouterLimitOptions {
  /** Per virtual key (metadata `keyName`, which the gateway sets). @default no limit */
  perKey?: RateLimitOptions;
  /** Per user (metadata `user`). @default no limit */
  perUser?: RateLimitOptions;
  /** Per tenant (metadata `tenant`). @default no limit */
  perTenant?: RateLimitOptions;
  /** The metadata fields that name the key, user and tenant. @default { key: 'keyName', user: 'user', tenant: 'tenant' } */
  metadataKeys?: { key?: string; user?: string; tenant?: string };
  /**
   * Output tokens a budget reservation assumes for a call that sets no `maxOutputTokens`.
   * @default 1024
   */
  reserveOutputTokens?: number;
}

export interface BudgetOptions {
  /** Whose spend: each key, user, tenant or route has its own budget; 'global' is one for all. */
  scope: 'key' | 'user' | 'tenant' | 'route' | 'global';
  /** The limit in USD for each period. */
  usd: number;
  /** The period, in UTC: a day ends at midnight UTC, a month on its last day's midnight UTC. */
  per: 'day' | 'month';
  /** Only calls to these routes count. @default every route */
  routes?: string[];
}

export interface HedgeOptions {
  /**
   * How long to wait for content before hedging: milliseconds, or `'p95'` for the running
   * target's observed 95th percentile (of time to first token for streams, of duration for
   * generate). @default none: required
   */
  afterMs: number | 'p95';
  /** The wait under `'p95'` while the target has fewer than 20 samples. @default 1000 */
  fallbackMs?: number;
  /**
   * Extra requests allowed, as a share of the route's calls over `windowMs`; at least one hedge
   * per window, so a cold route can hedge. @default 0.1
   */
  maxExtraRatio?: number;
  /** The sliding window of the budget. @default 60000 */
  windowMs?: number;
}

export interface RetryOptions {
  /** Attempts per call, across all targets. @default 3 */
  maxAttempts?: number;
  /** Full-jitter exponential backoff before the same target is tried again. */
  backoff?: {
    /** @default 250 */
    baseMs?: number;
    /** @default 4000 */
    maxMs?: number;
  };
}

/** A retry budget: see `RouterOptions.retryBudget`. */
export interface RetryBudgetOptions {
  /** Retries allowed as a share of the calls in the window. @default 0.2 */
  ratio?: number;
  /** Retries allowed per second of window whatever the traffic (the floor). @default 5 */
  minRetriesPerSecond?: number;
  /** The sliding window. @default 10000 */
  windowMs?: number;
}

/** Milliseconds; `Infinity` means no limit. */
export interface TimeoutOptions {
  /** One attempt, until the answer (or a stream's first content). @default 120000 */
  attemptMs?: number;
  /** From an attempt's start until a stream's first content part. @default 30000 */
  firstChunkMs?: number;
  /** Longest gap between two stream parts once content has started. @default 30000 */
  idleMs?: number;
  /** The whole call, every attempt and backoff included. @default 300000 */
  deadlineMs?: number;
}

export interface BreakerOptions {
  /** Open after this many failures in a row. @default 5 */
  consecutiveFailures?: number;
  /** Or when this share of calls in the window failed (0 to 1). @default 0.5 */
  failureRatio?: number;
  /** The sliding window for `failureRatio`. @default 30000 */
  windowMs?: number;
  /** Calls the window needs before `failureRatio` counts. @default 10 */
  minimumCalls?: number;
  /** First open period; doubles on each trip in a row. @default 5000 */
  cooldownMs?: number;
  /** Longest open period. @default 60000 */
  maxCooldownMs?: number;
  /** Calls let through at once while half-open. @default 1 */
  halfOpenProbes?: number;
}

export interface RateLimitCooldownOptions {
  /** Cooldown after a 429 that names no time. @default 1000 */
  defaultMs?: number;
  /** A provider's Retry-After is honoured up to this cap. @default 120000 */
  maxMs?: number;
}
