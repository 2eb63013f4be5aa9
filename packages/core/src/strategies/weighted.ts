import type { RouteMember } from '../options/resolved-options.js';
import type { Strategy } from './strategy.js';

/**
 * Weighted random order without replacement: the first member is drawn by weight, the next
 * from the rest, and so on, so the fallbacks after the pick are weighted too. Seed
 * `options.random` to make it repeatable.
 */
export const weightedStrategy: Strategy = {
  name: 'weighted',
  order({ members, random }) {
    if (members.length < 2) return members;
    const pool: RouteMember[] = members.filter((member) => member.weight > 0);
    const zeroWeight = members.filter((member) => member.weight <= 0);
    let total = pool.reduce((sum, member) => sum + member.weight, 0);
    const ordered: RouteMember[] = [];
    while (pool.length > 0) {
      let draw = random() * total;
      let index = 0;
      for (; index < pool.length - 1; index += 1) {
        draw -= (pool[index] as RouteMember).weight;
        if (draw < 0) break;
      }
      const [picked] = pool.splice(index, 1) as [RouteMember];
      total -= picked.weight;
      ordered.push(picked);
    }
    // Weight 0 keeps a member as a last resort only.
    return ordered.concat(zeroWeight);
  },
};
