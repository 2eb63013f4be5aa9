import type { IncomingMessage } from 'node:http';
import { type ConfigIssue, RouterConfigError } from '../errors/router-config-error.js';
import { closestName } from '../options/did-you-mean.js';
import type { StatusAuth } from './status-auth.js';

export interface StatusPageOptions {
  /**
   * The key a viewer must present: the `x-modelmux-status-key` header, `authorization: Bearer`,
   * or `?key=` in the page's URL (the page forwards it to its event stream). At least 16
   * characters. One of `key` or `guard` is required.
   */
  key?: string;
  /** Decides per request instead of a key (e.g. your session check). One of `key` or `guard`. */
  guard?: (request: IncomingMessage) => boolean | Promise<boolean>;
  /**
   * The path the page is served under when the handler sees full URLs (Koa, a bare `node:http`
   * server, the gateway). Not needed under Express's `app.use('/status', page)`, which strips it.
   * @default '' (the handler's root)
   */
  path?: string;
  /** How many recent decisions the page keeps and shows. @default 50 */
  decisions?: number;
  /** How often every open page gets a fresh stats snapshot. @default 1000 */
  snapshotIntervalMs?: number;
  /** Open event streams at once; more get 503. @default 32 */
  maxClients?: number;
}

export interface ResolvedStatusPageOptions {
  auth: StatusAuth;
  path: string;
  decisions: number;
  snapshotIntervalMs: number;
  maxClients: number;
}

const known = ['key', 'guard', 'path', 'decisions', 'snapshotIntervalMs', 'maxClients'];

function integerIssue(
  issues: ConfigIssue[],
  name: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({
      path: `statusPage.${name}`,
      message: `must be an integer from ${min} to ${max}, got ${typeof value === 'number' ? value : typeof value}.`,
    });
  }
}

/** Validates the status page's options once; every issue is named by its path. */
export function parseStatusPageOptions(options: StatusPageOptions): ResolvedStatusPageOptions {
  const issues: ConfigIssue[] = [];
  if (typeof options !== 'object' || options === null) {
    throw new RouterConfigError({
      issues: [{ path: 'statusPage', message: 'must be an object with a key or a guard.' }],
    });
  }
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const close = closestName(name, known);
    issues.push({
      path: `statusPage.${name}`,
      message: `unknown option.${close ? ` Did you mean '${close}'?` : ''} Known: ${known.join(', ')}.`,
    });
  }
  const { key, guard } = options;
  if (key !== undefined && guard !== undefined) {
    issues.push({ path: 'statusPage', message: 'give either key or guard, not both.' });
  } else if (key === undefined && guard === undefined) {
    issues.push({
      path: 'statusPage.key',
      message:
        'the status page shows your traffic, so it needs protection: set key (a random string of 16+ characters) or guard (a function of the request).',
    });
  }
  // The key's value never appears in a message, only its length.
  if (key !== undefined && (typeof key !== 'string' || key.length < 16)) {
    issues.push({
      path: 'statusPage.key',
      message: `must be a string of at least 16 characters${typeof key === 'string' ? ` (got ${key.length})` : ''}; e.g. \`openssl rand -hex 16\`.`,
    });
  }
  if (guard !== undefined && typeof guard !== 'function') {
    issues.push({ path: 'statusPage.guard', message: 'must be a function (request) => boolean.' });
  }
  const path = options.path ?? '';
  if (typeof path !== 'string' || (path !== '' && !/^\/[^?#]*$/.test(path))) {
    issues.push({
      path: 'statusPage.path',
      message: "must start with '/' and hold no query, e.g. '/status'.",
    });
  }
  integerIssue(issues, 'decisions', options.decisions, 1, 1000);
  integerIssue(issues, 'snapshotIntervalMs', options.snapshotIntervalMs, 100, 60_000);
  integerIssue(issues, 'maxClients', options.maxClients, 1, 10_000);
  if (issues.length > 0) throw new RouterConfigError({ issues });
  return {
    auth: key !== undefined ? { key } : { guard: guard as NonNullable<typeof guard> },
    path: typeof path === 'string' ? path.replace(/\/+$/, '') : '',
    decisions: options.decisions ?? 50,
    snapshotIntervalMs: options.snapshotIntervalMs ?? 1000,
    maxClients: options.maxClients ?? 32,
  };
}
