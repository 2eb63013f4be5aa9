import type { ConfigPath } from '../options/config-path.js';

/** A route or target name a selection route refers to, and where (relative to the route). */
export interface SelectionReference {
  id: string;
  path: ConfigPath;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The names a raw (unchecked) route's `rules`, `default`, `complexity.tiers` and `cascade`
 * refer to. Tolerant of every mistake: what is not a non-empty string is left to the schema.
 */
export function selectionReferences(route: unknown): SelectionReference[] {
  if (!isRecord(route)) return [];
  const references: SelectionReference[] = [];
  const add = (value: unknown, path: ConfigPath) => {
    if (typeof value === 'string' && value !== '') references.push({ id: value, path });
  };
  if (Array.isArray(route.rules)) {
    route.rules.forEach((rule: unknown, index) => {
      if (isRecord(rule)) add(rule.route, ['rules', index, 'route']);
    });
  }
  add(route.default, ['default']);
  if (isRecord(route.complexity) && Array.isArray(route.complexity.tiers)) {
    route.complexity.tiers.forEach((tier: unknown, index) => {
      if (isRecord(tier)) add(tier.route, ['complexity', 'tiers', index, 'route']);
    });
  }
  if (isRecord(route.cascade)) {
    add(route.cascade.first, ['cascade', 'first']);
    add(route.cascade.escalateTo, ['cascade', 'escalateTo']);
  }
  return references;
}

/** Which selection kind a raw route uses, if any. */
export function selectionKinds(route: unknown): ('rules' | 'complexity' | 'cascade')[] {
  if (!isRecord(route)) return [];
  return (['rules', 'complexity', 'cascade'] as const).filter((key) => route[key] !== undefined);
}
