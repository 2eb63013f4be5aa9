/**
 * Cached answers go through the store as JSON (Redis keeps strings): dates and bytes in stream
 * parts and results survive the round trip as tagged objects.
 */
export function encodeForCache(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof URL) return { $url: value.href };
  if (Array.isArray(value)) return value.map(encodeForCache);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) result[key] = encodeForCache(entry);
    }
    return result;
  }
  return value;
}

export function decodeFromCache(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromCache);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === 'string') return new Date(record.$date);
    if (typeof record.$bytes === 'string')
      return new Uint8Array(Buffer.from(record.$bytes, 'base64'));
    if (typeof record.$url === 'string') return new URL(record.$url);
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(record)) result[key] = decodeFromCache(entry);
    return result;
  }
  return value;
}
