import type { ConfigIssue } from '../errors/router-config-error.js';
import type { ConfigGraph } from '../options/config-graph.js';
import { formatConfigPath } from '../options/config-path.js';
import type { ReachedTargets } from '../options/route-graph.js';
import { selectionKinds } from './selection-references.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The cross-field rules of routes the schema cannot state: a route holds `targets` or exactly
 * one of `rules`, `complexity`, `cascade`; `default` goes with `rules`; tiers are ordered; a
 * route does not list a selection route among its targets (it chooses per call, it has no
 * target list to expand); selection routes serve language models. Reads the raw input.
 */
export function checkSelectionRoutes(
  input: unknown,
  graph: ConfigGraph,
  reached: ReadonlyMap<string, ReachedTargets>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const routes = isRecord(input) && isRecord(input.routes) ? input.routes : {};
  const selecting = new Set<string>();
  for (const [name, route] of Object.entries(routes)) {
    if (!isRecord(route)) continue;
    const at = (...path: PropertyKey[]) => formatConfigPath(['routes', name, ...path]);
    const kinds = selectionKinds(route);
    const hasTargets = route.targets !== undefined;
    if (kinds.length === 0) {
      if (!hasTargets)
        issues.push({
          path: at('targets'),
          message:
            "required; list target ids or route names, e.g. targets: ['mini'], or choose a route per call with rules, complexity or cascade",
        });
      if (route.default !== undefined)
        issues.push({
          path: at('default'),
          message: 'only used with rules; add rules or remove it',
        });
      continue;
    }
    selecting.add(name);
    if (kinds.length + (hasTargets ? 1 : 0) > 1) {
      issues.push({
        path: at(),
        message: `holds ${[...(hasTargets ? ['targets'] : []), ...kinds].join(' and ')}; a route uses exactly one of targets, rules, complexity or cascade`,
      });
      continue;
    }
    for (const key of ['strategy', 'retry', 'timeouts'] as const) {
      if (route[key] !== undefined)
        issues.push({
          path: at(key),
          message: `a ${kinds[0]} route has no targets of its own; set ${key} on the routes it chooses`,
        });
    }
    if (kinds[0] === 'rules' && route.default === undefined)
      issues.push({
        path: at('default'),
        message: "required with rules: the route for calls no rule matches, e.g. default: 'cheap'",
      });
    if (kinds[0] !== 'rules' && route.default !== undefined)
      issues.push({ path: at('default'), message: 'only used with rules; remove it' });
    if (kinds[0] === 'complexity') issues.push(...tierIssues(route.complexity, at));
    const targets = reached.get(name);
    if (targets && targets.embedding.size > 0)
      issues.push({
        path: at(kinds[0] as string),
        message: `reaches embedding targets (${[...targets.embedding].join(', ')}); rules, complexity and cascade choose among language models`,
      });
  }
  for (const [name, members] of graph.routes) {
    for (const member of members) {
      if (member.selectionPath || !selecting.has(member.id) || graph.targetsById.has(member.id))
        continue;
      issues.push({
        path: formatConfigPath(['routes', name, 'targets', member.index]),
        message: `"${member.id}" chooses a route per call (${selectionKinds(routes[member.id]).join()}); a route cannot list it as a target. Call it directly, or list the routes it chooses from`,
      });
    }
  }
  return issues;
}

function tierIssues(complexity: unknown, at: (...path: PropertyKey[]) => string): ConfigIssue[] {
  if (!isRecord(complexity) || !Array.isArray(complexity.tiers)) return [];
  const issues: ConfigIssue[] = [];
  const trained = isRecord(complexity.scorer) && complexity.scorer.model !== undefined;
  const tiers = complexity.tiers as unknown[];
  let previous = Number.NEGATIVE_INFINITY;
  tiers.forEach((tier, index) => {
    if (!isRecord(tier)) return;
    const below = tier.below;
    const last = index === tiers.length - 1;
    if (last) {
      if (below !== undefined)
        issues.push({
          path: at('complexity', 'tiers', index, 'below'),
          message: 'the last tier takes every score left; remove below',
        });
      return;
    }
    if (below === undefined) {
      if (index === 0 && trained) return;
      issues.push({
        path: at('complexity', 'tiers', index, 'below'),
        message: trained
          ? 'required: every tier but the first (which defaults to the scorer file threshold) and the last needs below'
          : 'required: every tier but the last needs below, e.g. below: 0.5',
      });
      return;
    }
    if (typeof below === 'number' && below <= previous)
      issues.push({
        path: at('complexity', 'tiers', index, 'below'),
        message: `must be greater than the tier before it (${previous}); list tiers from easy to hard`,
      });
    if (typeof below === 'number') previous = below;
  });
  return issues;
}
