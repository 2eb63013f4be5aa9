/** A location in the options, as keys and array indexes. */
export type ConfigPath = readonly PropertyKey[];

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/**
 * `['routes', 'smart', 'targets', 1]` -> `routes.smart.targets[1]`: the path as a user would
 * write it. Keys that are not plain names (`gpt-4.1`, `my route`) are quoted.
 */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && plainKey.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text === '' ? 'options' : text;
}

/** The value at `path` in the raw input, or undefined when the path does not exist there. */
export function valueAtPath(input: unknown, path: ConfigPath): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
