import { type ConfigIssue, RouterConfigError } from '@modelmux/core';
import type { Redis } from 'ioredis';
import type { RedisStoreLogger } from './redis-link.js';

export interface RedisStoreOptions {
  /**
   * An ioredis client to use for commands. The store adds its own subscriber connection
   * (`client.duplicate()`) and leaves `client` open on `close()`. Give it `enableOfflineQueue:
   * false` so commands fail fast while Redis is away. One of `client` or `url`.
   */
  client?: Redis;
  /** `redis://[:password@]host:port[/db]`: the store creates (and on `close()` quits) its connections. */
  url?: string;
  /** Namespace of every key and channel. @default 'modelmux:' */
  prefix?: string;
  /** Longest wait for one Redis command before answering from local state. @default 250 */
  commandTimeoutMs?: number;
  /** After a failed command, how long to stay local before trying Redis again. @default 1000 */
  retryAfterMs?: number;
  /** A reservation not settled by then is dropped (its process died mid-call). @default 600000 */
  reservationTtlMs?: number;
  /** Most cached answers kept in Redis; the least recently used go first. @default 10000 */
  maxCacheEntries?: number;
  /** Health records (breakers, cooldowns) expire this long after the last change. @default 86400000 */
  healthTtlMs?: number;
  /** Where the one warning per outage goes. @default console */
  logger?: RedisStoreLogger;
}

export interface ResolvedRedisStoreOptions {
  client: Redis | undefined;
  url: string | undefined;
  prefix: string;
  commandTimeoutMs: number;
  retryAfterMs: number;
  reservationTtlMs: number;
  maxCacheEntries: number;
  healthTtlMs: number;
  logger: RedisStoreLogger;
}

const positive = [
  ['commandTimeoutMs', 250],
  ['retryAfterMs', 1000],
  ['reservationTtlMs', 600_000],
  ['maxCacheEntries', 10_000],
  ['healthTtlMs', 86_400_000],
] as const;

/** Checks the options once; every problem is named by its path in one RouterConfigError. */
export function resolveRedisStoreOptions(options: RedisStoreOptions): ResolvedRedisStoreOptions {
  const issues: ConfigIssue[] = [];
  const path = (name: string) => `redisStore.${name}`;
  if ((options.client === undefined) === (options.url === undefined)) {
    issues.push({
      path: path('client'),
      message: 'Give exactly one of `client` (an ioredis client) or `url` (redis://host:port).',
    });
  }
  if (options.url !== undefined && !/^rediss?:\/\//.test(options.url)) {
    // The URL may hold a password: never echo it.
    issues.push({ path: path('url'), message: 'Expected a redis:// or rediss:// URL.' });
  }
  const prefix = options.prefix ?? 'modelmux:';
  if (typeof prefix !== 'string') {
    issues.push({ path: path('prefix'), message: 'Expected a string, e.g. "myapp:modelmux:".' });
  }
  const numbers: Record<string, number> = {};
  for (const [name, fallback] of positive) {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      issues.push({
        path: path(name),
        message: `Expected a positive integer, got ${String(value)}.`,
      });
    }
    numbers[name] = value;
  }
  if (issues.length > 0) throw new RouterConfigError({ issues });
  return {
    client: options.client,
    url: options.url,
    prefix,
    commandTimeoutMs: numbers.commandTimeoutMs as number,
    retryAfterMs: numbers.retryAfterMs as number,
    reservationTtlMs: numbers.reservationTtlMs as number,
    maxCacheEntries: numbers.maxCacheEntries as number,
    healthTtlMs: numbers.healthTtlMs as number,
    logger: options.logger ?? console,
  };
}
