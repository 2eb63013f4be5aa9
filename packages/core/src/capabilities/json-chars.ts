/**
 * The length of `JSON.stringify(value)` without building the string (escapes inside strings are
 * not counted). Tool results can be large; the router sizes them on every call.
 */
export function jsonChars(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      if (value === null) return 4;
      return Array.isArray(value)
        ? arrayChars(value)
        : objectChars(value as Record<string, unknown>);
    default:
      // undefined, functions, symbols: JSON leaves them out (or writes null in arrays).
      return 0;
  }
}

function arrayChars(items: readonly unknown[]): number {
  let chars = 2 + Math.max(0, items.length - 1);
  for (const item of items) {
    const itemChars = jsonChars(item);
    chars += itemChars === 0 ? 4 : itemChars;
  }
  return chars;
}

function objectChars(object: Record<string, unknown>): number {
  let chars = 2;
  let entries = 0;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const valueChars = jsonChars(object[key]);
    if (valueChars === 0) continue;
    chars += key.length + 3 + valueChars;
    entries += 1;
  }
  return chars + Math.max(0, entries - 1);
}
