import { costStrategy } from '../strategies/cost.js';
import { leastBusyStrategy } from '../strategies/least-busy.js';
import { leastLatencyStrategy } from '../strategies/least-latency.js';
import { priorityStrategy } from '../strategies/priority.js';
import { regionStrategy } from '../strategies/region.js';
import type { Strategy } from '../strategies/strategy.js';
import { weightedStrategy } from '../strategies/weighted.js';

/**
 * The strategies a route may name. New built-in strategies register here, and only here: the
 * option types, the schema and the "unknown strategy" message all read this map.
 */
export const strategyRegistry = {
  priority: priorityStrategy,
  weighted: weightedStrategy,
  'least-latency': leastLatencyStrategy,
  'least-busy': leastBusyStrategy,
  cost: costStrategy,
  region: regionStrategy,
} as const satisfies Record<string, Strategy>;

export type StrategyName = keyof typeof strategyRegistry;

export const strategyNames = Object.keys(strategyRegistry) as StrategyName[];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(strategyRegistry, name);
}
