/**
 * Half-open probe slots of one target: the start time of each probe holding a slot. Local to
 * the instance (a slot is a call this process is running). A handful of numbers at most, since
 * a breaker lets only policy.halfOpenProbes through at once.
 */
export type ProbeSlots = number[];

/** Probes holding a slot at `now`; slots held longer than `ttlMs` are given up first. */
export function liveProbes(slots: ProbeSlots, now: number, ttlMs: number): number {
  for (let index = slots.length - 1; index >= 0; index -= 1) {
    if (now - (slots[index] as number) >= ttlMs) slots.splice(index, 1);
  }
  return slots.length;
}

/** Frees the slot taken at `startedAt`; false when it was already given up (or never held). */
export function releaseProbe(slots: ProbeSlots, startedAt: number): boolean {
  const index = slots.indexOf(startedAt);
  if (index === -1) return false;
  slots.splice(index, 1);
  return true;
}

/** When the first slot frees at the latest: the oldest probe's slot expires then. */
export function firstSlotFreeAt(slots: ProbeSlots, ttlMs: number): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const startedAt of slots) if (startedAt < oldest) oldest = startedAt;
  return oldest + ttlMs;
}
