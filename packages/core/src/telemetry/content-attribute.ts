/**
 * A prompt (or embedding values) as one attribute string, for `telemetry.recordContent`: file
 * bytes are replaced by their size and the text is capped, so a span never carries megabytes.
 */
export function contentAttribute(content: unknown, maxLength = 16_384): string {
  const text = JSON.stringify(content, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    if (value instanceof URL) return value.origin;
    return value;
  });
  if (text === undefined) return '';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
