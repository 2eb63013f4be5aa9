import type { RouteMember } from '../options/resolved-options.js';
import type { Strategy } from './strategy.js';

/**
 * Fewest attempts in flight first (this instance's count); ties in a seeded random order so
 * idle targets share the traffic. Nested routes follow the targets, in their listed order.
 */
export const leastBusyStrategy: Strategy = {
  name: 'least-busy',
  order({ members, health, random }) {
    if (members.length < 2) return members;
    const keyed: { member: RouteMember; busy: number; tie: number }[] = [];
    const routes: RouteMember[] = [];
    for (const member of members) {
      if (member.kind === 'route') routes.push(member);
      else keyed.push({ member, busy: health.inFlight(member.id), tie: random() });
    }
    keyed.sort((a, b) => a.busy - b.busy || a.tie - b.tie);
    const ordered = keyed.map((entry) => entry.member);
    for (const member of routes) ordered.push(member);
    return ordered;
  },
};
