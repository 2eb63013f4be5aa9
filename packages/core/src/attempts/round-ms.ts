/** Milliseconds rounded to two decimals, as the trace records them. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
