import type { RetryBudgetPolicy } from '../attempts/retry-budget.js';
import { selectionReferences } from '../selection/selection-references.js';
import type { ModelKind } from './config-graph.js';
import { finiteOrNone } from './resolve-target.js';
import type { ResolvedRoute, ResolvedTarget, RouteMember } from './resolved-options.js';
import {
  defaultRetryBudget,
  type ParsedRoute,
  type ParsedRouterOptions,
} from './router-options-schema.js';
import { strategyRegistry } from './strategy-registry.js';

interface RouteContext {
  name: string;
  kind: ModelKind;
  targets: ReadonlyMap<string, ResolvedTarget>;
  defaults: ParsedRouterOptions['defaults'];
  retryBudget: ParsedRouterOptions['retryBudget'];
}

/** A checked route: strategy looked up, members typed, `defaults` filled in per field. */
export function resolveRoute(route: ParsedRoute, context: RouteContext): ResolvedRoute {
  const { defaults } = context;
  const timeouts = { ...defaults.timeouts, ...definedFields(route.timeouts) };
  return {
    name: context.name,
    kind: context.kind,
    strategy:
      typeof route.strategy === 'string' ? strategyRegistry[route.strategy] : route.strategy,
    members: (route.targets ?? selectionMembers(route)).map((entry) =>
      resolveMember(entry, context.targets),
    ),
    retry: {
      maxAttempts: route.retry?.maxAttempts ?? defaults.retry.maxAttempts,
      backoffBaseMs: route.retry?.backoff?.baseMs ?? defaults.retry.backoff.baseMs,
      backoffMaxMs: route.retry?.backoff?.maxMs ?? defaults.retry.backoff.maxMs,
    },
    cache: route.cache,
    hedge: route.hedge,
    ...resolveRetryBudget(route.retryBudget, context.retryBudget),
    continuation: route.continuation ?? 'off',
    timeouts: {
      attemptMs: finiteOrNone(timeouts.attemptMs),
      firstChunkMs: finiteOrNone(timeouts.firstChunkMs),
      idleMs: finiteOrNone(timeouts.idleMs),
      deadlineMs: finiteOrNone(timeouts.deadlineMs),
    },
  };
}

/** A route without `retryBudget` shares the router's budget; one with it gets its own. */
function resolveRetryBudget(
  own: ParsedRoute['retryBudget'],
  router: ParsedRouterOptions['retryBudget'],
): Pick<ResolvedRoute, 'retryBudget' | 'ownRetryBudget'> {
  if (own === undefined) return { retryBudget: router || undefined, ownRetryBudget: false };
  if (own === false) return { retryBudget: undefined, ownRetryBudget: true };
  const base: RetryBudgetPolicy = router || defaultRetryBudget;
  return { retryBudget: { ...base, ...definedFields(own) }, ownRetryBudget: true };
}

function resolveMember(
  entry: NonNullable<ParsedRoute['targets']>[number],
  targets: ReadonlyMap<string, ResolvedTarget>,
): RouteMember {
  const id = typeof entry === 'string' ? entry : entry.id;
  const ownWeight = typeof entry === 'string' ? undefined : entry.weight;
  const target = targets.get(id);
  if (target) return { kind: 'target', id, weight: ownWeight ?? target.weight };
  return { kind: 'route', id, weight: ownWeight ?? 1 };
}

/** A selection route's members: the routes and targets it may choose, each once. */
function selectionMembers(route: ParsedRoute): string[] {
  return [...new Set(selectionReferences(route).map((reference) => reference.id))];
}

/** A copy without the keys whose value is undefined, so spreading it never erases a default. */
function definedFields<T extends object>(value: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  if (value === undefined) return result;
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result;
}
