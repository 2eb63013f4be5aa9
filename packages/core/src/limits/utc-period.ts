/** When the UTC day or month that holds `now` ends, in epoch ms: a budget's period. */
export function periodEndsAt(per: 'day' | 'month', now: number): number {
  const date = new Date(now);
  if (per === 'day') {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
  }
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
