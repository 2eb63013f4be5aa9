/** Small formatting helpers shared by the live and the plain view. */
export const usd = (value: number): string =>
  value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1).padStart(5)}s`;

export const ms = (value: number | undefined): string =>
  value === undefined ? '-' : `${Math.round(value)} ms`;

export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}
