import type { Redis } from 'ioredis';
import type { RedisScript } from './redis-scripts.js';

/** Where the store reports trouble: one warning per outage, one line when Redis is back. */
export interface RedisStoreLogger {
  warn(message: string): void;
  info?(message: string): void;
}

export interface RedisLinkOptions {
  client: Redis;
  commandTimeoutMs: number;
  retryAfterMs: number;
  logger: RedisStoreLogger;
  /** Called when Redis answers again after an outage (the store shares its local state again). */
  onRestored: () => void;
}

/** The command connection as the store sees it: up, or down since when and why. */
export interface RedisLink {
  /** Redis is worth trying now (connected, and no failure in the last retryAfterMs). */
  usable(): boolean;
  /** Runs a script with a bounded wait; rejects on any failure (the caller falls back). */
  run(
    script: RedisScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown>;
  /** Sends any command with a bounded wait. */
  command<T>(send: (client: Redis) => Promise<T>): Promise<T>;
  /** A command failed: go local for retryAfterMs, warn once per outage. */
  failed(error: unknown): void;
  /** Why state is not shared right now, or undefined. */
  degraded(): string | undefined;
  close(): void;
}

/** A short, secret-free reason: an error code or class, never the connection URL. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (/timed? ?out/i.test(error.message)) return 'timeout';
    if (/closed|writeable|offline/i.test(error.message)) return 'connection closed';
    return error.name;
  }
  return 'unknown error';
}

export function createRedisLink({
  client,
  commandTimeoutMs,
  retryAfterMs,
  logger,
  onRestored,
}: RedisLinkOptions): RedisLink {
  let down: string | undefined = 'connecting';
  let warned = false;
  let retryAt = 0;

  function failed(error: unknown): void {
    down = `redis unreachable: ${reasonOf(error)}`;
    retryAt = Date.now() + retryAfterMs;
    // One warning per outage, not one per call or per reconnection attempt.
    if (warned) return;
    warned = true;
    logger.warn(
      `modelmux redis store: ${down}; carrying on with this instance's local state (not shared) until Redis answers again`,
    );
  }

  function restored(): void {
    if (down === undefined) return;
    const wasOutage = warned;
    down = undefined;
    warned = false;
    retryAt = 0;
    if (wasOutage) logger.info?.('modelmux redis store: Redis answers again; sharing state again');
    onRestored();
  }

  const onReady = () => restored();
  const onError = (error: unknown) => {
    if (client.status !== 'ready') failed(error);
  };
  const onClose = () => {
    if (down === undefined) failed(new Error('connection closed'));
  };
  client.on('ready', onReady);
  client.on('error', onError);
  client.on('close', onClose);
  if (client.status === 'ready') queueMicrotask(restored);

  function withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('command timed out')), commandTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  async function command<T>(send: (client: Redis) => Promise<T>): Promise<T> {
    const result = await withTimeout(send(client));
    // Answering after a timeout-only outage (the connection never dropped) also ends it.
    if (down !== undefined && client.status === 'ready') restored();
    return result;
  }

  function run(
    script: RedisScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    return command(async (redis) => {
      try {
        return await redis.evalsha(script.sha, script.keys, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return await redis.eval(script.lua, script.keys, ...keys, ...args);
      }
    });
  }

  return {
    usable: () => client.status === 'ready' && (down === undefined || Date.now() >= retryAt),
    run,
    command,
    failed,
    degraded: () => down,
    close() {
      client.off('ready', onReady);
      client.off('error', onError);
      client.off('close', onClose);
    },
  };
}
