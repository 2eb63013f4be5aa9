import type { z } from 'zod';
import type { ConfigPath } from './config-path.js';

/** The parts of zod's schema definitions this walk reads (zod 4's `_zod.def`). */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
}

const wrappers = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'nonoptional',
  'readonly',
  'catch',
]);

function definition(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The concrete schemas behind wrappers, pipes and unions. */
function concrete(schema: z.ZodType): z.ZodType[] {
  const def = definition(schema);
  if (wrappers.has(def.type) && def.innerType) return concrete(def.innerType);
  if (def.type === 'pipe' && def.in) return concrete(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(concrete);
  return [schema];
}

function child(schema: z.ZodType, key: PropertyKey): z.ZodType[] {
  const def = definition(schema);
  if (
    def.type === 'object' &&
    typeof key === 'string' &&
    def.shape &&
    Object.hasOwn(def.shape, key)
  ) {
    return [def.shape[key] as z.ZodType];
  }
  if (def.type === 'record' && def.valueType) return [def.valueType];
  if (def.type === 'array' && typeof key === 'number' && def.element) return [def.element];
  return [];
}

/**
 * The option names an object accepts at `path`, read from the schema itself so that
 * "unknown option" hints never drift from what the schema allows.
 */
export function knownKeysAt(schema: z.ZodType, path: ConfigPath): string[] {
  let current = concrete(schema);
  for (const key of path) {
    current = current.flatMap((candidate) => child(candidate, key)).flatMap(concrete);
  }
  const keys = new Set<string>();
  for (const candidate of current) {
    const def = definition(candidate);
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}
