import type { TracerProvider } from '@opentelemetry/api';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import { selectionRouteFields } from '../selection/selection-schema.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import type { Strategy } from '../strategies/strategy.js';
import { isRouterLogger, type RouterLogger } from '../telemetry/router-logger.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import { describeValue } from './describe-value.js';
import { didYouMean } from './did-you-mean.js';
import {
  type EmbeddingModelInput,
  embeddingModelProblem,
  type LanguageModelInput,
  languageModelProblem,
} from './model-input.js';
import { isStrategyName, type StrategyName, strategyNames } from './strategy-registry.js';

// Every default of the router's options lives in this file (STYLE.md); the JSDoc `@default`s in
// router-options.ts document these values.

/** A zod schema for values zod cannot describe: `problem` says what is wrong, or undefined. */
function checked<T>(problem: (value: unknown) => string | undefined) {
  return z.custom<T>((value) => problem(value) === undefined, {
    error: (issue) => problem(issue.input),
  });
}

const timeoutMs = checked<number>((value) =>
  typeof value === 'number' && value > 0
    ? undefined
    : `expected a positive number of milliseconds, or Infinity for no limit; got ${describeValue(value)}`,
);
const nonNegative = z.number().nonnegative();
const attemptCount = z.number().int().min(1);

const strategySchema = checked<StrategyName | Strategy>((value) => {
  if (typeof value === 'string') {
    if (isStrategyName(value)) return undefined;
    return `unknown strategy "${value}" (known: ${strategyNames.join(', ')})${didYouMean(value, strategyNames)}`;
  }
  const strategy = value as Partial<Strategy> | null;
  if (typeof strategy?.name === 'string' && typeof strategy.order === 'function') return undefined;
  return `expected a strategy name (${strategyNames.join(', ')}) or an object with name and order()`;
});

const storeSchema = checked<Store>((value) => {
  const store = value as Partial<Store> | null;
  if (typeof store?.getHealth === 'function' && typeof store.setHealth === 'function') {
    return undefined;
  }
  return 'expected a Store, e.g. memoryStore() or a Redis store from @modelmux/redis';
});

const clockSchema = checked<Clock>((value) => {
  const clock = value as Partial<Clock> | null;
  if (
    typeof clock?.now === 'function' &&
    typeof clock.setTimeout === 'function' &&
    typeof clock.clearTimeout === 'function'
  ) {
    return undefined;
  }
  return 'expected a Clock with now(), setTimeout() and clearTimeout()';
});

function functionSchema<T>() {
  return checked<T>((value) =>
    typeof value === 'function' ? undefined : `expected a function, got ${describeValue(value)}`,
  );
}

const priceSchema = z.strictObject({
  inputUsdPerMillion: nonNegative,
  outputUsdPerMillion: nonNegative,
  cachedInputUsdPerMillion: nonNegative.optional(),
});

const rateLimitSchema = z.strictObject({
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
});

const budgetSchema = z.strictObject({
  scope: z.enum(['key', 'user', 'tenant', 'route', 'global']),
  usd: z.number().positive(),
  per: z.enum(['day', 'month']),
  routes: z.array(z.string().min(1)).optional(),
});

const limitsSchema = z
  .strictObject({
    perKey: rateLimitSchema.optional(),
    perUser: rateLimitSchema.optional(),
    perTenant: rateLimitSchema.optional(),
    metadataKeys: z
      .strictObject({
        key: z.string().min(1).default('keyName'),
        user: z.string().min(1).default('user'),
        tenant: z.string().min(1).default('tenant'),
      })
      .prefault({}),
    reserveOutputTokens: z.number().int().nonnegative().default(1024),
  })
  .prefault({});

export const targetSchema = z.strictObject({
  id: z.string().min(1),
  model: checked<LanguageModelInput>(languageModelProblem).optional(),
  embeddingModel: checked<EmbeddingModelInput>(embeddingModelProblem).optional(),
  provider: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  price: priceSchema.optional(),
  contextWindow: z.number().int().positive().optional(),
  capabilities: z
    .strictObject({
      tools: z.boolean().default(true),
      vision: z.boolean().default(true),
      json: z.boolean().default(true),
      prefill: z.boolean().optional(),
    })
    .prefault({}),
  weight: nonNegative.default(1),
  limits: rateLimitSchema.optional(),
  timeoutMs: timeoutMs.optional(),
  firstChunkTimeoutMs: timeoutMs.optional(),
  idleTimeoutMs: timeoutMs.optional(),
});

// A route's retry and timeouts keep unset fields unset, so `defaults` can fill them per field.
const routeRetrySchema = z.strictObject({
  maxAttempts: attemptCount.optional(),
  backoff: z
    .strictObject({ baseMs: nonNegative.optional(), maxMs: nonNegative.optional() })
    .optional(),
});

const routeTimeoutsSchema = z.strictObject({
  attemptMs: timeoutMs.optional(),
  firstChunkMs: timeoutMs.optional(),
  idleMs: timeoutMs.optional(),
  deadlineMs: timeoutMs.optional(),
});

const defaultRetrySchema = z
  .strictObject({
    maxAttempts: attemptCount.default(3),
    backoff: z
      .strictObject({ baseMs: nonNegative.default(250), maxMs: nonNegative.default(4000) })
      .prefault({}),
  })
  .prefault({});

const defaultTimeoutsSchema = z
  .strictObject({
    attemptMs: timeoutMs.default(120_000),
    firstChunkMs: timeoutMs.default(30_000),
    idleMs: timeoutMs.default(30_000),
    deadlineMs: timeoutMs.default(300_000),
  })
  .prefault({});

/** The retry budget's defaults (Finagle's and Linkerd's ratio and window, a smaller floor). */
export const defaultRetryBudget = { ratio: 0.2, minRetriesPerSecond: 5, windowMs: 10_000 } as const;

const retryBudgetExpected =
  'expected false (no budget) or { ratio, minRetriesPerSecond, windowMs }';

const retryBudgetFields = {
  ratio: nonNegative,
  minRetriesPerSecond: nonNegative,
  windowMs: z.number().positive(),
};

const routerRetryBudgetSchema = z
  .union(
    [
      z.literal(false),
      z.strictObject({
        ratio: retryBudgetFields.ratio.default(defaultRetryBudget.ratio),
        minRetriesPerSecond: retryBudgetFields.minRetriesPerSecond.default(
          defaultRetryBudget.minRetriesPerSecond,
        ),
        windowMs: retryBudgetFields.windowMs.default(defaultRetryBudget.windowMs),
      }),
    ],
    { error: retryBudgetExpected },
  )
  .prefault({});

// A route's own budget: unset fields take the router's.
const routeRetryBudgetSchema = z.union(
  [
    z.literal(false),
    z.strictObject({
      ratio: retryBudgetFields.ratio.optional(),
      minRetriesPerSecond: retryBudgetFields.minRetriesPerSecond.optional(),
      windowMs: retryBudgetFields.windowMs.optional(),
    }),
  ],
  { error: retryBudgetExpected },
);

const hedgeAfterMs = checked<number | 'p95'>((value) =>
  value === 'p95' || (typeof value === 'number' && value >= 0 && Number.isFinite(value))
    ? undefined
    : `expected milliseconds (a finite number >= 0) or 'p95'; got ${describeValue(value)}`,
);

const hedgeSchema = z.strictObject({
  afterMs: hedgeAfterMs,
  fallbackMs: nonNegative.default(1_000),
  maxExtraRatio: z.number().gt(0).max(1).default(0.1),
  windowMs: z.number().positive().default(60_000),
});

const routeMemberSchema = z.union(
  [z.string().min(1), z.strictObject({ id: z.string().min(1), weight: nonNegative.optional() })],
  { error: 'expected a target id or route name, or { id, weight }' },
);

export const routeSchema = z.strictObject({
  strategy: strategySchema.default('priority'),
  // Optional: a selection route (rules, complexity, cascade) has none; selection-checks.ts
  // requires exactly one of them.
  targets: z
    .array(routeMemberSchema)
    .refine((members) => members.length > 0, 'add at least one target id or route name')
    .optional(),
  ...selectionRouteFields,
  retry: routeRetrySchema.optional(),
  hedge: hedgeSchema.optional(),
  retryBudget: routeRetryBudgetSchema.optional(),
  continuation: z.enum(['off', 'prefill']).default('off'),
  timeouts: routeTimeoutsSchema.optional(),
  cache: z.strictObject({ ttlMs: z.number().positive() }).optional(),
});

export const routerOptionsSchema = z.strictObject({
  targets: z.array(targetSchema).refine((targets) => targets.length > 0, {
    error: "add at least one target, e.g. [{ id: 'mini', model: openai('gpt-4.1-mini') }]",
  }),
  routes: z.record(z.string(), routeSchema).refine((routes) => Object.keys(routes).length > 0, {
    error: "add at least one route, e.g. { default: { targets: ['<target id>'] } }",
  }),
  defaults: z
    .strictObject({ retry: defaultRetrySchema, timeouts: defaultTimeoutsSchema })
    .prefault({}),
  breaker: z
    .strictObject({
      consecutiveFailures: attemptCount.default(5),
      failureRatio: z.number().gt(0).max(1).default(0.5),
      windowMs: z.number().positive().default(30_000),
      minimumCalls: attemptCount.default(10),
      cooldownMs: z.number().positive().default(5_000),
      maxCooldownMs: z.number().positive().default(60_000),
      halfOpenProbes: attemptCount.default(1),
    })
    .prefault({}),
  retryBudget: routerRetryBudgetSchema,
  rateLimitCooldown: z
    .strictObject({ defaultMs: nonNegative.default(1_000), maxMs: nonNegative.default(120_000) })
    .prefault({}),
  limits: limitsSchema,
  budgets: z.array(budgetSchema).default([]),
  store: storeSchema.default(() => memoryStore()),
  // zod calls a function default and shallow-copies any other: factories keep the identities.
  clock: clockSchema.default(() => systemClock),
  random: functionSchema<() => number>().default(() => Math.random),
  onDecision: functionSchema<(trace: DecisionTrace) => void>().optional(),
  telemetry: z
    .strictObject({
      tracing: z.boolean().default(true),
      recordContent: z.boolean().default(false),
      tracerProvider: checked<TracerProvider>((value) =>
        typeof (value as Partial<TracerProvider> | null)?.getTracer === 'function'
          ? undefined
          : 'expected an OpenTelemetry TracerProvider (with getTracer())',
      ).optional(),
    })
    .prefault({}),
  logger: checked<RouterLogger>((value) =>
    isRouterLogger(value)
      ? undefined
      : 'expected a logger with info(fields, message) and warn(fields, message), e.g. pino()',
  ).optional(),
});

/** The options after the schema: every default applied, nothing cross-checked yet. */
export type ParsedRouterOptions = z.output<typeof routerOptionsSchema>;
export type ParsedTarget = z.output<typeof targetSchema>;
export type ParsedRoute = z.output<typeof routeSchema>;
