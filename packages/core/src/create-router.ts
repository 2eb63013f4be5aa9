import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import { trace } from '@opentelemetry/api';
import { RetryBudget, type RetryBudgetSnapshot } from './attempts/retry-budget.js';
import type { RouterRuntime } from './attempts/router-runtime.js';
import { NoSuchRouteError } from './errors/no-such-route-error.js';
import { RouterError } from './errors/router-error.js';
import { createHealthRegistry, type HealthSnapshot } from './health/health-registry.js';
import { createRouterLimits, type TargetHeadroom } from './limits/router-limits.js';
import type { CallBinding } from './model/call-binding.js';
import {
  createRoutedCallRunner,
  type RoutedCallRunner,
  runsCallerAttempts,
} from './model/routed-call-runner.js';
import { createRouterEmbeddingModel } from './model/router-embedding-model.js';
import { createRouterLanguageModel } from './model/router-language-model.js';
import { parseRouterOptions } from './options/parse-router-options.js';
import type { ResolvedRoute } from './options/resolved-options.js';
import type { RouterOptions } from './options/router-options.js';
import {
  type CountersByOutcome,
  createRouterStats,
  type TargetCounters,
} from './stats/router-stats.js';
import type { StoreStatus } from './store/store.js';
import { attachCallSpans } from './telemetry/call-spans.js';
import { liveTracer } from './telemetry/live-tracer.js';
import { attachRouterLogger } from './telemetry/router-logger.js';
import type { DecisionTrace } from './trace/decision-trace.js';
import {
  createRouterEvents,
  type RouterEventListener,
  type RouterEventName,
} from './trace/router-events.js';

/** A request-bound view of the router: what `req.llm` / `ctx.llm` / `@Llm()` are. */
export interface LlmClient {
  /** The route's AI SDK model. @default the route named 'default', else the first route */
  model(route?: string): LanguageModelV4;
  embeddingModel(route?: string): EmbeddingModelV4;
}

export interface TargetStats extends TargetCounters {
  provider: string;
  model: string;
  region: string | undefined;
  health: HealthSnapshot;
  /** RPM/TPM headroom as last seen in the store (empty when the target sets no limits). */
  limits: TargetHeadroom;
}

export interface RouterStatsSnapshot {
  targets: Record<string, TargetStats>;
  routes: Record<string, CountersByOutcome>;
  totals: CountersByOutcome;
  /** The router-wide retry budget and the routes' own ones, as of now. */
  retryBudgets: {
    router?: RetryBudgetSnapshot;
    routes: Record<string, RetryBudgetSnapshot>;
  };
  store: string;
  /** Whether the store shares state right now, and why not when it should. */
  storeStatus: StoreStatus;
}

export interface Router extends LlmClient {
  /** Route names, in configuration order. */
  readonly routes: readonly string[];
  /** Target ids, in configuration order. */
  readonly targets: readonly string[];
  /** A client whose calls carry this signal and metadata (adapters make one per request). */
  createClient(binding?: CallBinding): LlmClient;
  /**
   * The route's attempt loop with attempts the caller executes (the gateway's pass-through);
   * undefined for a route with selection, a cache or stream continuation. Throws for an unknown
   * route, as `model()` does.
   */
  callRunner(route?: string): RoutedCallRunner | undefined;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): () => void;
  /** Totals by route and target, with each target's live health. */
  stats(): RouterStatsSnapshot;
  /** Releases the store's connections. */
  close(): Promise<void>;
}

/**
 * The router. Options are validated once, here: a bad config throws RouterConfigError listing
 * every issue by path.
 */
export function createRouter(options: RouterOptions): Router {
  const resolved = parseRouterOptions(options);
  const events = createRouterEvents((error) => {
    process.emitWarning(`A modelmux event listener threw: ${String(error)}`, 'ModelmuxWarning');
  });
  const health = createHealthRegistry({
    store: resolved.store,
    breaker: resolved.breaker,
    rateLimitCooldown: resolved.rateLimitCooldown,
    clock: resolved.clock,
    emit: (event) => events.emit(event.type, event),
  });
  const stats = createRouterStats();
  const sharedBudget = resolved.retryBudget ? new RetryBudget(resolved.retryBudget) : undefined;
  const routeBudgets = new Map<string, RetryBudget>();
  for (const route of resolved.routes.values()) {
    if (route.ownRetryBudget && route.retryBudget)
      routeBudgets.set(route.name, new RetryBudget(route.retryBudget));
  }
  const { telemetry } = resolved;
  if (telemetry.tracing) {
    // A proxy tracer: it finds an SDK the app registers after the router is made.
    const provider = telemetry.tracerProvider ?? trace.getTracerProvider();
    attachCallSpans(events, {
      tracer: liveTracer(provider, '@modelmux/core'),
      targets: resolved.targets,
    });
  }
  if (resolved.logger) attachRouterLogger(events, resolved.logger);
  const callPrefix = Math.floor(Math.random() * 36 ** 6).toString(36);
  let callCount = 0;
  const runtime: RouterRuntime = {
    options: resolved,
    health,
    events,
    stats,
    limits: createRouterLimits(resolved),
    nextCallId() {
      callCount += 1;
      return `${callPrefix}-${callCount}`;
    },
    retryBudget: (route) => (route.ownRetryBudget ? routeBudgets.get(route.name) : sharedBudget),
    decided(trace: DecisionTrace) {
      if (events.has('decision')) events.emit('decision', trace);
      if (resolved.onDecision) {
        try {
          resolved.onDecision(trace);
        } catch (error) {
          process.emitWarning(`options.onDecision threw: ${String(error)}`, 'ModelmuxWarning');
        }
      }
    },
  };
  const routeNames = [...resolved.routes.keys()];
  const defaultRoute = resolved.routes.has('default') ? 'default' : routeNames[0];
  const languageModels = new Map<string, LanguageModelV4>();
  const embeddingModels = new Map<string, EmbeddingModelV4>();
  const callRunners = new Map<string, RoutedCallRunner | undefined>();

  function routeOf(name: string | undefined, kind: ResolvedRoute['kind']): ResolvedRoute {
    const key = name ?? (defaultRoute as string);
    const route = resolved.routes.get(key) ?? resolved.targetRoutes.get(key);
    if (!route) throw new NoSuchRouteError({ route: name ?? '(default)', known: routeNames });
    if (route.kind !== kind) {
      const use = route.kind === 'embedding' ? 'embeddingModel' : 'model';
      throw new RouterError({
        name: 'RouteKindError',
        code: 'route-kind',
        message: `Route '${route.name}' holds ${route.kind} targets; use router.${use}('${route.name}').`,
      });
    }
    return route;
  }

  function maxEmbeddingsPerCall(route: ResolvedRoute): number | undefined {
    // Several targets may differ; the SDK splits by the smallest known limit.
    let limit: number | undefined;
    for (const member of route.members) {
      const target = resolved.targets.get(member.id);
      const value = target?.embeddingModel?.maxEmbeddingsPerCall;
      if (typeof value === 'number') limit = limit === undefined ? value : Math.min(limit, value);
    }
    return limit;
  }

  function client(binding: CallBinding | undefined): LlmClient {
    return {
      model(name) {
        const route = routeOf(name, 'language');
        if (binding) return createRouterLanguageModel(runtime, route, binding);
        let model = languageModels.get(route.name);
        if (!model) {
          model = createRouterLanguageModel(runtime, route);
          languageModels.set(route.name, model);
        }
        return model;
      },
      embeddingModel(name) {
        const route = routeOf(name, 'embedding');
        if (binding)
          return createRouterEmbeddingModel(runtime, route, maxEmbeddingsPerCall(route), binding);
        let model = embeddingModels.get(route.name);
        if (!model) {
          model = createRouterEmbeddingModel(runtime, route, maxEmbeddingsPerCall(route));
          embeddingModels.set(route.name, model);
        }
        return model;
      },
    };
  }

  const unbound = client(undefined);
  return {
    routes: routeNames,
    targets: [...resolved.targets.keys()],
    model: unbound.model,
    embeddingModel: unbound.embeddingModel,
    createClient: (binding) => client(binding),
    callRunner(name) {
      const route = routeOf(name, 'language');
      if (!callRunners.has(route.name))
        callRunners.set(
          route.name,
          runsCallerAttempts(route) ? createRoutedCallRunner(runtime, route) : undefined,
        );
      return callRunners.get(route.name);
    },
    on: (event, listener) => events.on(event, listener),
    stats() {
      const targets: Record<string, TargetStats> = {};
      for (const target of resolved.targets.values()) {
        targets[target.id] = {
          provider: target.provider,
          model: target.modelId,
          region: target.region,
          health: health.snapshot(target.id),
          limits: runtime.limits.headroom(target.id),
          ...stats.target(target.id),
        };
      }
      const routes: Record<string, CountersByOutcome> = {};
      const totals: CountersByOutcome = {
        calls: 0,
        successes: 0,
        failures: 0,
        costUsd: 0,
        inputTokens: 0,
        outputTokens: 0,
      };
      for (const name of routeNames) {
        const counters = stats.route(name);
        routes[name] = counters;
        for (const key of Object.keys(totals) as (keyof CountersByOutcome)[])
          totals[key] += counters[key];
      }
      const now = resolved.clock.now();
      const retryBudgets: RouterStatsSnapshot['retryBudgets'] = { routes: {} };
      if (sharedBudget) retryBudgets.router = sharedBudget.snapshot(now);
      for (const [name, budget] of routeBudgets) retryBudgets.routes[name] = budget.snapshot(now);
      return {
        targets,
        routes,
        totals,
        retryBudgets,
        store: resolved.store.kind,
        storeStatus: resolved.store.status(),
      };
    },
    close: () => resolved.store.close(),
  };
}
