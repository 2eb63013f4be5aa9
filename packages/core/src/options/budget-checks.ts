import type { ConfigIssue } from '../errors/router-config-error.js';
import type { ConfigGraph } from './config-graph.js';
import { formatConfigPath } from './config-path.js';
import { didYouMean } from './did-you-mean.js';

/** A budget's `routes` name routes (or targets, which are routes of their own) that exist. */
export function checkBudgetRoutes(input: unknown, graph: ConfigGraph): ConfigIssue[] {
  const budgets = (input as { budgets?: unknown } | null)?.budgets;
  if (!Array.isArray(budgets)) return [];
  const known = [...graph.routes.keys(), ...graph.targetsById.keys()];
  const issues: ConfigIssue[] = [];
  budgets.forEach((budget: unknown, index) => {
    const routes = (budget as { routes?: unknown } | null)?.routes;
    if (!Array.isArray(routes)) return;
    routes.forEach((route: unknown, routeIndex) => {
      if (typeof route !== 'string' || known.includes(route)) return;
      issues.push({
        path: formatConfigPath(['budgets', index, 'routes', routeIndex]),
        message: `unknown route "${route}" (known: ${known.join(', ')})${didYouMean(route, known)}`,
      });
    });
  });
  return issues;
}
