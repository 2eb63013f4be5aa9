import type { RouteMember } from '../options/resolved-options.js';
import type { Strategy } from './strategy.js';

/**
 * Weighted random order without replacement: the first member is drawn by weight, the next
 * from the rest, and so on, so the fallbacks after the pick are weighted too. Seed
 * `options.random` to make it repeatable.
 *
 * Runs on every call, so it allocates only the order it returns: the draws happen in that
 * array, the members not yet picked kept after the picked ones in their listed order, and a
 * pick moved to the front of the rest by shifting those before it up one.
 */
export const weightedStrategy: Strategy = {
  name: 'weighted',
  order({ members, random }) {
    if (members.length < 2) return members;
    const ordered: RouteMember[] = [];
    let zeroWeight: RouteMember[] | undefined;
    let total = 0;
    for (const member of members) {
      if (member.weight > 0) {
        ordered.push(member);
        total += member.weight;
      } else if (member.weight <= 0) {
        zeroWeight ??= [];
        zeroWeight.push(member);
      }
    }
    for (let first = 0; first < ordered.length; first += 1) {
      // Draw from ordered[first..]: the members not picked yet.
      let draw = random() * total;
      let index = first;
      for (; index < ordered.length - 1; index += 1) {
        draw -= (ordered[index] as RouteMember).weight;
        if (draw < 0) break;
      }
      const picked = ordered[index] as RouteMember;
      for (let next = index; next > first; next -= 1) {
        ordered[next] = ordered[next - 1] as RouteMember;
      }
      ordered[first] = picked;
      total -= picked.weight;
    }
    // Weight 0 keeps a member as a last resort only.
    return zeroWeight === undefined ? ordered : ordered.concat(zeroWeight);
  },
};
