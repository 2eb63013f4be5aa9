import { stripVTControlCharacters } from 'node:util';
import { redact } from '../errors/redact.js';

/** A thrown value as one scrubbed line, for a config error's message (no colours, no keys). */
export function reason(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(stripVTControlCharacters(text), 500);
}
