import { RouterConfigError } from '../errors/router-config-error.js';
import { resolveSelection } from '../selection/resolve-selection.js';
import { checkSelectionRoutes } from '../selection/selection-checks.js';
import { checkBudgetRoutes } from './budget-checks.js';
import { readConfigGraph } from './config-graph.js';
import { resolveRoute } from './resolve-route.js';
import { resolveTarget } from './resolve-target.js';
import type { ResolvedOptions, ResolvedRoute, ResolvedTarget } from './resolved-options.js';
import { checkRouteGraph, reachedTargets, routeKind } from './route-graph.js';
import { checkRouteReferences } from './route-reference-checks.js';
import { type ParsedRouterOptions, routerOptionsSchema } from './router-options-schema.js';
import { schemaIssues } from './schema-issues.js';
import { checkTargets } from './target-checks.js';

/**
 * Checks and resolves the router's options, once, at construction. Every mistake is collected,
 * from the schema and from the cross-references between targets and routes, and thrown together
 * as one `RouterConfigError`, so a user fixes a config in one pass.
 */
export function parseRouterOptions(input: unknown): ResolvedOptions {
  const parsed = routerOptionsSchema.safeParse(input);
  const graph = readConfigGraph(input);
  const issues = [
    ...(parsed.success ? [] : schemaIssues(parsed.error.issues, input, routerOptionsSchema)),
    ...checkTargets(graph),
    ...checkRouteReferences(graph),
    ...checkRouteGraph(graph),
    ...checkBudgetRoutes(input, graph),
    ...checkSelectionRoutes(input, graph, reachedTargets(graph)),
  ];
  if (!parsed.success || issues.length > 0) throw new RouterConfigError({ issues });
  return resolve(parsed.data, reachedTargets(graph));
}

function resolve(
  options: ParsedRouterOptions,
  reached: ReturnType<typeof reachedTargets>,
): ResolvedOptions {
  const targets = new Map<string, ResolvedTarget>();
  for (const target of options.targets) targets.set(target.id, resolveTarget(target));
  const routes = new Map<string, ResolvedRoute>();
  for (const [name, route] of Object.entries(options.routes)) {
    const reach = reached.get(name);
    const kind = reach ? routeKind(reach) : 'language';
    const resolved = resolveRoute(route, {
      name,
      kind,
      targets,
      defaults: options.defaults,
      retryBudget: options.retryBudget,
    });
    const selection = resolveSelection(route, name);
    routes.set(name, selection ? { ...resolved, selection } : resolved);
  }
  // Every target is also addressable on its own (e.g. a gateway client naming a model id): an
  // implicit single-target route with the defaults. Names never clash: that is checked above.
  const targetRoutes = new Map<string, ResolvedRoute>();
  for (const target of targets.values()) {
    const implicit = { strategy: 'priority', targets: [target.id] } as Parameters<
      typeof resolveRoute
    >[0];
    targetRoutes.set(
      target.id,
      resolveRoute(implicit, {
        name: target.id,
        kind: target.kind,
        targets,
        defaults: options.defaults,
        retryBudget: options.retryBudget,
      }),
    );
  }
  return {
    targets,
    routes,
    targetRoutes,
    breaker: options.breaker,
    rateLimitCooldown: options.rateLimitCooldown,
    retryBudget: options.retryBudget || undefined,
    clock: options.clock,
    random: options.random,
    limits: options.limits,
    budgets: options.budgets,
    store: options.store,
    onDecision: options.onDecision,
    telemetry: options.telemetry,
    logger: options.logger,
  };
}
