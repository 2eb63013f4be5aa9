import type { TargetHealthRecord } from './target-health.js';

/**
 * This instance's record after another instance's write (or a late echo of its own), or
 * undefined when the write is not news. Local window counts are kept unless the breaker moved:
 * instances write only on transitions, so a record from the store carries stale counts.
 * Cooldowns only ever extend.
 */
export function mergeHealthRecord(
  local: TargetHealthRecord,
  incoming: TargetHealthRecord,
): TargetHealthRecord | undefined {
  const breakerNews = isBreakerNews(incoming, local);
  const coolNews =
    incoming.coolUntil !== undefined &&
    (local.coolUntil === undefined || incoming.coolUntil > local.coolUntil);
  if (!breakerNews && !coolNews) return undefined;
  return {
    breaker: breakerNews ? incoming.breaker : local.breaker,
    coolUntil: coolNews ? incoming.coolUntil : local.coolUntil,
    coolReason: coolNews ? incoming.coolReason : local.coolReason,
  };
}

/**
 * Only opens and closes are news: a half-open elsewhere is reached here too, lazily, at the same
 * openUntil. An open is news unless it is the trip this instance already knows (same trips and
 * openUntil), which is also what a late echo of this instance's own write looks like.
 */
function isBreakerNews(incoming: TargetHealthRecord, local: TargetHealthRecord): boolean {
  const theirs = incoming.breaker;
  const ours = local.breaker;
  if (theirs.state === 'half-open') return false;
  if (theirs.state === 'closed') return ours.state !== 'closed';
  return (
    ours.state === 'closed' || theirs.trips !== ours.trips || theirs.openUntil !== ours.openUntil
  );
}
