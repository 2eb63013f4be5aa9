import type { RouteMember } from '../options/resolved-options.js';
import type { Strategy } from './strategy.js';

/**
 * Weighted random order without replacement: the first member is drawn by weight, the next
 * from the rest, and so on, so the fallbacks after the pick are weighted too. Seed
 * `options.random` to make it repeatable.
 *
 * Runs on every call, so it allocates only the order it returns: a pick is removed by shifting
 * the rest down in place (splice would allocate an array per pick).
 */
export const weightedStrategy: Strategy = {
  name: 'weighted',
  order({ members, random }) {
    if (members.length < 2) return members;
    const pool: RouteMember[] = [];
    let zeroWeight: RouteMember[] | undefined;
    let total = 0;
    for (const member of members) {
      if (member.weight > 0) {
        pool.push(member);
        total += member.weight;
      } else if (member.weight <= 0) {
        zeroWeight ??= [];
        zeroWeight.push(member);
      }
    }
    const ordered: RouteMember[] = [];
    while (pool.length > 0) {
      let draw = random() * total;
      let index = 0;
      for (; index < pool.length - 1; index += 1) {
        draw -= (pool[index] as RouteMember).weight;
        if (draw < 0) break;
      }
      const picked = pool[index] as RouteMember;
      for (let next = index + 1; next < pool.length; next += 1) {
        pool[next - 1] = pool[next] as RouteMember;
      }
      pool.pop();
      total -= picked.weight;
      ordered.push(picked);
    }
    // Weight 0 keeps a member as a last resort only.
    return zeroWeight === undefined ? ordered : ordered.concat(zeroWeight);
  },
};
