import type { ConfigIssue } from '../errors/router-config-error.js';
import type { ConfigGraph } from './config-graph.js';
import { formatConfigPath } from './config-path.js';
import { didYouMean } from './did-you-mean.js';

/**
 * Every route member names a target or another route, once, and no name is both a target id
 * and a route name (a member could not say which it means).
 */
export function checkRouteReferences(graph: ConfigGraph): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of graph.routes.keys()) {
    if (graph.targetsById.has(name)) {
      issues.push({
        path: formatConfigPath(['routes', name]),
        message: `"${name}" is both a target id and a route name; rename one of them`,
      });
    }
  }
  // With no usable targets the schema has already said so; every member would look unknown.
  if (graph.targetsById.size === 0) return issues;
  const targetIds = [...graph.targetsById.keys()].sort();
  for (const [name, members] of graph.routes) {
    const routeNames = [...graph.routes.keys()].filter((other) => other !== name).sort();
    const seen = new Map<string, number>();
    for (const member of members) {
      const path = formatConfigPath(
        member.selectionPath
          ? ['routes', name, ...member.selectionPath]
          : ['routes', name, 'targets', member.index],
      );
      const known = graph.targetsById.has(member.id) || graph.routes.has(member.id);
      if (!known) {
        const routesHint = routeNames.length > 0 ? `; routes: ${listNames(routeNames)}` : '';
        issues.push({
          path,
          message: `unknown ${member.selectionPath ? 'route or target' : 'target'} "${member.id}" (known: ${listNames(targetIds)}${routesHint})${didYouMean(member.id, [...targetIds, ...routeNames])}`,
        });
        continue;
      }
      // A selection route may name one route in several rules or tiers.
      if (member.selectionPath) continue;
      const first = seen.get(member.id);
      if (first === undefined) {
        seen.set(member.id, member.index);
      } else {
        issues.push({
          path,
          message: `"${member.id}" is already listed at targets[${first}]; list it once and use weight or retry.maxAttempts`,
        });
      }
    }
  }
  return issues;
}

const shownNames = 20;

function listNames(names: readonly string[]): string {
  if (names.length <= shownNames) return names.join(', ');
  return `${names.slice(0, shownNames).join(', ')}, … (+${names.length - shownNames} more)`;
}
