import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { RouterConfigError } from '../errors/router-config-error.js';
import { RouterError } from '../errors/router-error.js';
import { formatConfigPath } from '../options/config-path.js';
import type { ParsedRoute } from '../options/router-options-schema.js';
import { compileCheck } from './cascade-checks.js';
import { heuristicScore } from './heuristic-scorer.js';
import type { ResolvedSelection } from './resolved-selection.js';
import { compileRule } from './rules.js';
import { createTrainedScorer } from './scorer-file.js';

/** The route's selection, or undefined for a route with targets. Throws RouterConfigError. */
export function resolveSelection(route: ParsedRoute, name: string): ResolvedSelection | undefined {
  if (route.rules) {
    return {
      kind: 'rules',
      rules: route.rules.map(compileRule),
      default: route.default as string,
    };
  }
  if (route.complexity) {
    const { scorer, tiers } = route.complexity;
    if (scorer === 'heuristic')
      return {
        kind: 'complexity',
        scorerName: 'heuristic',
        score: ({ prompt }) => heuristicScore(prompt),
        tiers,
      };
    if (typeof scorer === 'function')
      return { kind: 'complexity', scorerName: 'function', score: scorer, tiers };
    const path = ['routes', name, 'complexity', 'scorer', 'model'];
    const trained = configIssue(path, () => {
      const file =
        typeof scorer.model === 'string'
          ? JSON.parse(readFileSync(resolvePath(scorer.model), 'utf8'))
          : scorer.model;
      return createTrainedScorer(file);
    });
    return {
      kind: 'complexity',
      scorerName: 'model',
      score: ({ prompt }) => trained.score(prompt),
      tiers: tiers.map((tier, index) =>
        index === 0 && tier.below === undefined ? { ...tier, below: trained.threshold } : tier,
      ),
    };
  }
  if (route.cascade) {
    const { first, escalateTo, check } = route.cascade;
    const compiled = configIssue(['routes', name, 'cascade', 'check'], () => compileCheck(check));
    return { kind: 'cascade', first, escalateTo, check: compiled };
  }
  return undefined;
}

function configIssue<T>(path: readonly PropertyKey[], build: () => T): T {
  try {
    return build();
  } catch (error) {
    const reason = RouterError.isInstance(error)
      ? error.message
      : error instanceof SyntaxError
        ? `not valid JSON (${error.message})`
        : (error as Error).message;
    throw new RouterConfigError({ issues: [{ path: formatConfigPath(path), message: reason }] });
  }
}
