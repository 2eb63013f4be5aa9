import type { ConfigIssue } from '../errors/router-config-error.js';
import { type ConfigGraph, isNestedRoute, type ModelKind } from './config-graph.js';
import { formatConfigPath } from './config-path.js';

/** Each cycle of nested routes once, as route names with the first repeated at the end. */
export function findRouteCycles(graph: ConfigGraph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (name: string) => {
    stack.push(name);
    onStack.add(name);
    for (const member of graph.routes.get(name) ?? []) {
      if (!isNestedRoute(graph, member.id)) continue;
      // A back edge closes exactly one cycle; `done` keeps each found once.
      if (onStack.has(member.id))
        cycles.push([...stack.slice(stack.indexOf(member.id)), member.id]);
      else if (!done.has(member.id)) visit(member.id);
    }
    stack.pop();
    onStack.delete(name);
    done.add(name);
  };
  for (const name of graph.routes.keys()) if (!done.has(name)) visit(name);
  return cycles;
}

export type ReachedTargets = Record<ModelKind, ReadonlySet<string>>;

/**
 * The targets each route reaches, directly or through nested routes, by kind. A route in a
 * cycle reaches what the rest of the cycle does; the cycle itself is reported separately.
 */
export function reachedTargets(graph: ConfigGraph): Map<string, ReachedTargets> {
  const reached = new Map<string, ReachedTargets>();
  const visiting = new Set<string>();
  const visit = (name: string): ReachedTargets => {
    const known = reached.get(name);
    if (known) return known;
    const result = { language: new Set<string>(), embedding: new Set<string>() };
    if (visiting.has(name)) return result;
    visiting.add(name);
    for (const member of graph.routes.get(name) ?? []) {
      const target = graph.targetsById.get(member.id);
      if (target?.kind) result[target.kind].add(member.id);
      else if (isNestedRoute(graph, member.id)) {
        const nested = visit(member.id);
        for (const id of nested.language) result.language.add(id);
        for (const id of nested.embedding) result.embedding.add(id);
      }
    }
    visiting.delete(name);
    reached.set(name, result);
    return result;
  };
  for (const name of graph.routes.keys()) visit(name);
  return reached;
}

/** What a route serves: its targets' kind (a valid route reaches one kind only). */
export function routeKind(reached: ReachedTargets): ModelKind {
  return reached.language.size === 0 && reached.embedding.size > 0 ? 'embedding' : 'language';
}

/** Nested routes form no cycle, and no route reaches both language and embedding targets. */
export function checkRouteGraph(graph: ConfigGraph): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const cycle of findRouteCycles(graph)) {
    issues.push({
      path: formatConfigPath(['routes', cycle[0] as string]),
      message: `nested routes form a cycle (${cycle.map((name) => formatConfigPath(['routes', name])).join(' -> ')}); remove one of these references`,
    });
  }
  const reached = reachedTargets(graph);
  const isMixed = (name: string) => {
    const targets = reached.get(name);
    return targets !== undefined && targets.language.size > 0 && targets.embedding.size > 0;
  };
  for (const [name, members] of graph.routes) {
    // Report where the mix happens, not every route that nests a mixed one.
    if (
      !isMixed(name) ||
      members.some((member) => isNestedRoute(graph, member.id) && isMixed(member.id))
    ) {
      continue;
    }
    const targets = reached.get(name) as ReachedTargets;
    issues.push({
      path: formatConfigPath(['routes', name]),
      message: `mixes language targets (${[...targets.language].join(', ')}) and embedding targets (${[...targets.embedding].join(', ')}); a route serves one kind of model, so split it in two`,
    });
  }
  return issues;
}
