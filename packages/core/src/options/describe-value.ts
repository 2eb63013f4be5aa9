/**
 * A value as a config message may show it: numbers and booleans as they are, anything else by
 * its type only, so a message never echoes a string that might be a key or a model's config.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return String(value);
    case 'string':
      return 'a string';
    case 'undefined':
      return 'nothing';
    case 'function':
      return 'a function';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
