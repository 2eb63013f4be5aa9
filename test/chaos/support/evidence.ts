import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * The canary provider key every chaos fleet's fake providers accept (a fresh one per process).
 * Everything the suite sees leaves through `collect`, and `canaryHits` searches it for the key,
 * its last 8 characters and its SHA-256 (hex and base64).
 */
export const canaryKey = `sk-canary-${randomBytes(18).toString('hex')}`;

const needles: [string, string][] = [
  ['the key', canaryKey],
  ['its last 8 characters', canaryKey.slice(-8)],
  ['its SHA-256 (hex)', createHash('sha256').update(canaryKey).digest('hex')],
  ['its SHA-256 (base64)', createHash('sha256').update(canaryKey).digest('base64')],
];

const seen: string[] = [];
let seenChars = 0;

/** Keeps what the suite saw (a log line, a trace, an error, a response body...) for the scan. */
export function collect(value: unknown): void {
  const text =
    typeof value === 'string'
      ? value
      : `${inspect(value, { depth: 8, breakLength: Number.POSITIVE_INFINITY })}\n${safeJson(value)}`;
  seen.push(text);
  seenChars += text.length;
}

/** Every place a form of the canary key was found in what was collected. */
export function canaryHits(): { seenChars: number; hits: string[] } {
  const hits: string[] = [];
  for (const text of seen) {
    for (const [name, needle] of needles) {
      const at = text.indexOf(needle);
      if (at !== -1) hits.push(`${name} in: ${text.slice(Math.max(0, at - 80), at)}<here>`);
    }
  }
  return { seenChars, hits };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
