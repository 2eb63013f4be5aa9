import {
  type BindingLimit,
  type ConfigIssue,
  closestName,
  type Router,
  RouterConfigError,
  type StatusPageOptions,
} from '@modelmux/core';
import { z } from 'zod';
import { digestOf, digestOfHash, keyHashPattern } from './auth/key-hash.js';

/** Where the gateway writes its request lines and warnings: pino's logger fits, as does console-like. */
export interface GatewayLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A virtual key: what a client presents instead of a provider key. */
export interface GatewayKeyOptions {
  /** Who holds it; shown in logs and traces (never the key). */
  name: string;
  /** The key itself, as written in the config; hashed at load, then dropped. One of key/keyHash. */
  key?: string;
  /** The stored form, `sha256:<hex>` (`modelmux hash-key` prints it). One of key/keyHash. */
  keyHash?: string;
  /** The routes and targets it may call. @default every route and target */
  routes?: string[];
  /** Requests and tokens a minute for this key, across every route. @default no limit */
  limits?: { rpm?: number; tpm?: number };
  /** USD this key may spend per UTC day or month, across every route. @default no budget */
  budgets?: { usd: number; per: 'day' | 'month' }[];
}

export interface GatewayOptions {
  /** The router every request goes through. */
  router: Router;
  /**
   * `keys`: a client must present one of `keys` (with no keys, only loopback clients are served).
   * `none`: anyone who can reach the gateway may call it.
   * @default 'keys'
   */
  auth?: 'none' | 'keys';
  /** The virtual keys. @default [] */
  keys?: GatewayKeyOptions[];
  /** The largest request body accepted; larger ones get 413. @default 4 MiB */
  bodyLimitBytes?: number;
  /** One line per request, and warnings. @default none */
  logger?: GatewayLogger;
  /**
   * Serves the router's live status page (core's `createStatusPage`) at `path` (default
   * `/status`), behind its own `key` or `guard` (not the virtual keys). @default off
   */
  statusPage?: StatusPageOptions;
  /**
   * Relays requests as they are to targets that speak the client's protocol (`@ai-sdk/openai`'s
   * chat model for chat completions, `@ai-sdk/anthropic`'s for `/v1/messages`), with the router's
   * fail-over, timeouts and cost kept; `false` translates every call through the AI SDK.
   * @default true
   */
  passThrough?: boolean;
}

export interface ResolvedKey {
  name: string;
  digest: Buffer;
  /** undefined: every route and target. */
  routes: ReadonlySet<string> | undefined;
  /** The key's RPM/TPM and budgets, as core enforces them; undefined when it has none. */
  limits?: readonly BindingLimit[] | undefined;
}

export interface ResolvedGatewayOptions {
  router: Router;
  /** `open-loopback`: auth is not 'none' but no key is configured, so only loopback is served. */
  auth: 'none' | 'keys' | 'open-loopback';
  keys: readonly ResolvedKey[];
  bodyLimitBytes: number;
  logger: GatewayLogger | undefined;
  statusPage: StatusPageOptions | undefined;
  passThrough: boolean;
}

export const defaultBodyLimitBytes = 4 * 1024 * 1024;

const isRouter = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Router).createClient === 'function' &&
  Array.isArray((value as Router).routes) &&
  Array.isArray((value as Router).targets);

const isLogger = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  ['info', 'warn', 'error'].every(
    (level) => typeof (value as Record<string, unknown>)[level] === 'function',
  );

const keySchema = z
  .strictObject({
    name: z.string().min(1, 'must be a non-empty string'),
    key: z
      .string()
      .min(16, 'use at least 16 random characters, e.g. `openssl rand -hex 24`')
      .optional(),
    keyHash: z
      .string()
      .regex(keyHashPattern, "must be 'sha256:' and 64 hex digits (`modelmux hash-key` prints it)")
      .optional(),
    routes: z.array(z.string().min(1)).optional(),
    limits: z
      .strictObject({
        rpm: z.number().int().positive().optional(),
        tpm: z.number().int().positive().optional(),
      })
      .optional(),
    budgets: z
      .array(z.strictObject({ usd: z.number().positive(), per: z.enum(['day', 'month']) }))
      .optional(),
  })
  .refine((key) => (key.key === undefined) !== (key.keyHash === undefined), {
    message: 'set exactly one of key and keyHash',
  });

const optionsSchema = z.strictObject({
  router: z.custom<Router>(isRouter, 'must be a router from createRouter()'),
  auth: z.enum(['none', 'keys']).default('keys'),
  keys: z.array(keySchema).default([]),
  bodyLimitBytes: z.number().int().positive().default(defaultBodyLimitBytes),
  logger: z.custom<GatewayLogger>(isLogger, 'must have info, warn and error methods').optional(),
  // The status page validates its own options (issues named `statusPage.*`).
  statusPage: z
    .custom<StatusPageOptions>(
      (value) => typeof value === 'object' && value !== null,
      'must be an object with a key or a guard',
    )
    .optional(),
  passThrough: z.boolean().default(true),
});

/**
 * Validates the gateway's options once. Bad options throw `RouterConfigError` listing every issue
 * by its path under `gateway.`. Plaintext keys are hashed here and not kept.
 */
export function parseGatewayOptions(options: GatewayOptions): ResolvedGatewayOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new RouterConfigError({ issues: parsed.error.issues.flatMap(configIssues) });
  }
  const { router, auth, keys, bodyLimitBytes, logger, statusPage, passThrough } = parsed.data;
  const issues: ConfigIssue[] = [];
  const known = new Set([...router.routes, ...router.targets]);
  const names = new Set<string>();
  const digests = new Set<string>();
  const resolvedKeys = keys.map((key, index): ResolvedKey => {
    if (names.has(key.name)) {
      issues.push({
        path: pathOf(['keys', index, 'name']),
        message: `duplicate key name "${key.name}"`,
      });
    }
    names.add(key.name);
    const digest = key.key === undefined ? digestOfHash(key.keyHash as string) : digestOf(key.key);
    const hex = digest.toString('hex');
    if (digests.has(hex)) {
      issues.push({ path: pathOf(['keys', index]), message: 'the same key is configured twice' });
    }
    digests.add(hex);
    key.routes?.forEach((route, routeIndex) => {
      if (!known.has(route)) {
        issues.push({
          path: pathOf(['keys', index, 'routes', routeIndex]),
          message: `unknown route or target "${route}" (known: ${[...known].join(', ')})`,
        });
      }
    });
    return {
      name: key.name,
      digest,
      routes: key.routes === undefined ? undefined : new Set(key.routes),
      limits: keyLimits(key),
    };
  });
  if (issues.length > 0) throw new RouterConfigError({ issues });
  return {
    router,
    auth: auth === 'none' ? 'none' : resolvedKeys.length > 0 ? 'keys' : 'open-loopback',
    keys: resolvedKeys,
    bodyLimitBytes,
    logger,
    statusPage,
    passThrough,
  };
}

/** A key's limits as core takes them: scope 'key', named by the key's name (never the key). */
function keyLimits(key: {
  name: string;
  limits?: { rpm?: number | undefined; tpm?: number | undefined } | undefined;
  budgets?: { usd: number; per: 'day' | 'month' }[] | undefined;
}): readonly BindingLimit[] | undefined {
  const { rpm, tpm } = key.limits ?? {};
  const budgets = key.budgets ?? [];
  if (rpm === undefined && tpm === undefined && budgets.length === 0) return undefined;
  return [{ scope: 'key', id: key.name, rpm, tpm, budgets }];
}

/** The keys an object at a path may hold: top level, one of `keys`, or a key's `limits`. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(optionsSchema.shape);
  if (path.length === 2 && path[0] === 'keys') {
    return ['name', 'key', 'keyHash', 'routes', 'limits', 'budgets'];
  }
  if (path.length === 3 && path[0] === 'keys' && path[2] === 'limits') return ['rpm', 'tpm'];
  if (path.length === 4 && path[0] === 'keys' && path[2] === 'budgets') return ['usd', 'per'];
  return [];
}

/** A zod issue as config issues: an unknown key gets a "did you mean" (or the known keys). */
function configIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  if (issue.code !== 'unrecognized_keys') {
    return [{ path: pathOf(issue.path), message: issue.message }];
  }
  const known = knownKeysAt(issue.path);
  return issue.keys.map((key) => {
    const suggestion = closestName(key, known);
    return {
      path: pathOf([...issue.path, key]),
      message:
        suggestion === undefined
          ? `unknown option (known: ${known.join(', ')})`
          : `unknown option; did you mean "${suggestion}"?`,
    };
  });
}

function pathOf(path: readonly PropertyKey[]): string {
  let text = 'gateway';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return text;
}
