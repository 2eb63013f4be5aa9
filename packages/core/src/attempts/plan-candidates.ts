import type { CallFacts } from '../capabilities/call-facts.js';
import { whyTargetCannotTake } from '../capabilities/target-fit.js';
import type {
  ResolvedOptions,
  ResolvedRoute,
  ResolvedTarget,
} from '../options/resolved-options.js';
import type { HealthView } from '../strategies/strategy.js';
import type { TraceCandidate } from '../trace/decision-trace.js';

export interface PlannedCandidate {
  target: ResolvedTarget;
  trace: TraceCandidate;
}

/**
 * Orders a route's targets for one call: each (nested) route's strategy orders its members,
 * nested routes expand in place, a target listed twice is tried once, and targets that cannot
 * take the call (capabilities, context window) are skipped with the reason in the trace.
 * Health is checked later, at each attempt, because it changes while a call runs.
 */
export function planCandidates(
  options: ResolvedOptions,
  route: ResolvedRoute,
  facts: CallFacts,
  health: HealthView,
  now: number,
): { candidates: TraceCandidate[]; capable: PlannedCandidate[] } {
  const candidates: TraceCandidate[] = [];
  const capable: PlannedCandidate[] = [];
  // A route of distinct targets only (the common case) needs no bookkeeping of what was seen.
  const seen = listsEachTargetOnce(route) ? undefined : new Set<string>();
  expand(route, [route.name]);
  return { candidates, capable };

  function expand(current: ResolvedRoute, via: string[]): void {
    const ordered = current.strategy.order({
      members: current.members,
      call: facts,
      health,
      random: options.random,
      now,
      region: facts.region,
      target: (id) => options.targets.get(id),
    });
    for (const member of ordered) {
      if (member.kind === 'route') {
        const nested = options.routes.get(member.id) as ResolvedRoute;
        expand(nested, [...via, nested.name]);
        continue;
      }
      if (seen !== undefined) {
        if (seen.has(member.id)) continue;
        seen.add(member.id);
      }
      const target = options.targets.get(member.id) as ResolvedTarget;
      const trace: TraceCandidate = { target: target.id, via };
      candidates.push(trace);
      const unfit = whyTargetCannotTake(target, facts);
      if (unfit) trace.skipped = { code: unfit.code, message: unfit.message };
      else capable.push({ target, trace });
    }
  }
}

const eachTargetOnce = new WeakMap<ResolvedRoute, boolean>();

/** The route lists targets only (no nested route), none of them twice. Worked out once. */
function listsEachTargetOnce(route: ResolvedRoute): boolean {
  let once = eachTargetOnce.get(route);
  if (once === undefined) {
    const ids = new Set<string>();
    once = route.members.every((member) => {
      if (member.kind === 'route' || ids.has(member.id)) return false;
      ids.add(member.id);
      return true;
    });
    eachTargetOnce.set(route, once);
  }
  return once;
}
