export type { RetryBudgetPolicy, RetryBudgetSnapshot } from './attempts/retry-budget.js';
export { isContentPart } from './attempts/stream-opening.js';
export { type Clock, systemClock } from './clock.js';
export {
  defineConfig,
  type Environment,
  type ModelmuxConfig,
  type ModelmuxConfigFactory,
} from './config/define-config.js';
export type { ProviderName } from './config/environment-providers.js';
export { createLazyRouter, type LazyRouter, type LazyRouterOptions } from './config/lazy-router.js';
export {
  createRouterFromConfig,
  type LoadRouterOptions,
  loadRouter,
} from './config/load-router.js';
export { loadRouterOptions } from './config/load-router-options.js';
export { configFileNames, findRouterSource, type RouterSource } from './config/router-source.js';
export {
  createRouter,
  type LlmClient,
  type Router,
  type RouterStatsSnapshot,
  type TargetStats,
} from './create-router.js';
export { AllTargetsFailedError } from './errors/all-targets-failed-error.js';
export { StreamBrokenError } from './errors/attempt-timeout-error.js';
export { BudgetExceededError } from './errors/budget-exceeded-error.js';
export { classifyError } from './errors/classify-error.js';
export { ConfigFileError } from './errors/config-file-error.js';
export type { ClassifiedError, ErrorClass, ErrorReason } from './errors/error-class.js';
export {
  type HttpError,
  type HttpErrorResponse,
  httpErrorOf,
  httpErrorResponse,
} from './errors/http-error.js';
export { NoCapableTargetError } from './errors/no-capable-target-error.js';
export { NoRouterConfigError } from './errors/no-router-config-error.js';
export { NoSuchRouteError } from './errors/no-such-route-error.js';
export { type LimitScope, RateLimitedError } from './errors/rate-limited-error.js';
export { redact } from './errors/redact.js';
export { RequestRejectedError } from './errors/request-rejected-error.js';
export { type ConfigIssue, RouterConfigError } from './errors/router-config-error.js';
export { RouterError } from './errors/router-error.js';
export { StreamInterruptedError } from './errors/stream-interrupted-error.js';
export type { LatencySamples } from './health/sample-window.js';
export type { LimitHeadroom, TargetHeadroom } from './limits/router-limits.js';
export type { BindingLimit, CallScope } from './limits/scoped-limits.js';
export type { CallBinding } from './model/call-binding.js';
export type {
  CallerAttempt,
  CallerAttemptResult,
  CallerCallRequest,
  CallerStreamBody,
  RoutedCallRunner,
} from './model/routed-call-runner.js';
export { abortSignalOnClose } from './node-http/abort-signal-on-close.js';
export { requestIdOf } from './node-http/request-id.js';
export { closestName } from './options/did-you-mean.js';
export type { Price } from './options/resolved-options.js';
export type {
  BudgetOptions,
  CacheOptions,
  RateLimitOptions,
  RetryBudgetOptions,
  RouteOptions,
  RouterLimitOptions,
  RouterOptions,
  TargetOptions,
} from './options/router-options.js';
export {
  type HeuristicSignals,
  heuristicScore,
  heuristicSignals,
} from './selection/heuristic-scorer.js';
export { seededRandom } from './selection/logistic-regression.js';
export { type MathAnswerFindings, mathAnswerCheck } from './selection/math-answer-check.js';
export {
  type CurvePoint,
  type CurveSummary,
  type Outcome,
  qualityCurve,
  routingQuality,
} from './selection/quality-curve.js';
export {
  parseRoutingExamples,
  type RoutingExample,
  type ScoredExample,
  toScoredExample,
} from './selection/routing-examples.js';
export {
  createTrainedScorer,
  type ScorerValidation,
  type TrainedScorerFile,
} from './selection/scorer-file.js';
export type {
  CascadeAnswer,
  CascadeCheck,
  CascadeOptions,
  CascadeVerdict,
  ComplexityOptions,
  RuleCondition,
  RuleOptions,
  ScorerFunction,
  ScorerInput,
  SelectionRouteOptions,
  TierOptions,
} from './selection/selection-options.js';
export type { CascadeFirstCall, SelectionStep } from './selection/selection-trace.js';
export {
  type PickedThreshold,
  pickThreshold,
  type TrainScorerOptions,
  trainScorer,
} from './selection/train-scorer.js';
export { statusKeyHeader } from './status/status-auth.js';
export { createStatusPage, type StatusPageHandler } from './status/status-page.js';
export type { StatusPageOptions } from './status/status-page-options.js';
export type {
  StatusDecision,
  StatusRoute,
  StatusSnapshot,
  StatusTarget,
} from './status/status-snapshot.js';
export { type MemoryStoreOptions, memoryStore } from './store/memory-store.js';
export type {
  CachedEntry,
  ReservationResult,
  Store,
  StoreStatus,
  WindowResult,
} from './store/store.js';
export { type LeastLatencyOptions, leastLatency } from './strategies/least-latency.js';
export { type RegionOptions, regionAware } from './strategies/region.js';
export type {
  HealthView,
  Strategy,
  StrategyInput,
  StrategyTarget,
} from './strategies/strategy.js';
export {
  createMetrics,
  type MetricsHandler,
  type MetricsOptions,
  type MetricsResponse,
  type MetricsSource,
  metricsOf,
  type RouterMetrics,
} from './telemetry/create-metrics.js';
export { metricDefinitions } from './telemetry/metric-names.js';
export {
  decisionLogFields,
  type RouterLogger,
} from './telemetry/router-logger.js';
export type { TelemetryOptions } from './telemetry/telemetry-options.js';
export type {
  CandidateSkip,
  DecisionTrace,
  GiveUp,
  TraceAttempt,
  TraceCandidate,
  TraceUsage,
} from './trace/decision-trace.js';
export type {
  AttemptStartEvent,
  CallStartEvent,
  HealthEvent,
  RouterEventMap,
  RouterEventName,
} from './trace/router-events.js';
export { traceHeaders } from './trace/trace-headers.js';
