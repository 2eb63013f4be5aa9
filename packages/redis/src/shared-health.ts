import type { Store } from '@modelmux/core';
import type { Redis } from 'ioredis';
import type { RedisLink } from './redis-link.js';
import { healthScript } from './redis-scripts.js';

/** A target's breaker and cooldown record, as core defines it (plain data, JSON-safe). */
export type TargetHealthRecord = NonNullable<ReturnType<Store['getHealth']>>;

type HealthListener = (targetId: string, record: TargetHealthRecord) => void;

export interface SharedHealthOptions {
  link: RedisLink;
  /** A connection in subscriber mode, owned by the store. */
  subscriber: Redis;
  hashKey: string;
  channel: string;
  ttlMs: number;
  instanceId: string;
}

export interface SharedHealth {
  get(targetId: string): TargetHealthRecord | undefined;
  /** Saves locally and tells local listeners at once; writes through to Redis (or marks dirty). */
  set(targetId: string, record: TargetHealthRecord): void;
  onChange(listener: HealthListener): () => void;
  /** After a (re)connect: share what changed here meanwhile, then take what others know. */
  resync(): Promise<void>;
  close(): void;
}

interface HealthMessage {
  from: string;
  targetId: string;
  record: TargetHealthRecord;
}

/**
 * Breaker and cooldown records: a local map the router reads synchronously, written through to a
 * Redis hash and published on a channel, so a trip on one instance reaches the others in one
 * pub/sub hop. Writes made while Redis is away are kept as dirty and re-published when it returns.
 */
export function createSharedHealth({
  link,
  subscriber,
  hashKey,
  channel,
  ttlMs,
  instanceId,
}: SharedHealthOptions): SharedHealth {
  const records = new Map<string, TargetHealthRecord>();
  const listeners = new Set<HealthListener>();
  const dirty = new Set<string>();

  function notify(targetId: string, record: TargetHealthRecord): void {
    for (const listener of listeners) listener(targetId, record);
  }

  function adopt(targetId: string, record: TargetHealthRecord): void {
    records.set(targetId, record);
    notify(targetId, record);
  }

  async function push(targetId: string, record: TargetHealthRecord): Promise<void> {
    const json = JSON.stringify(record);
    const message = JSON.stringify({ from: instanceId, targetId, record });
    await link.run(healthScript, [hashKey], [targetId, json, channel, message, ttlMs]);
  }

  function write(targetId: string, record: TargetHealthRecord): void {
    if (!link.usable()) {
      dirty.add(targetId);
      return;
    }
    push(targetId, record).then(
      () => {
        // A later write may have been made dirty while this one was in flight: keep it so.
        if (records.get(targetId) === record) dirty.delete(targetId);
      },
      (error: unknown) => {
        dirty.add(targetId);
        link.failed(error);
      },
    );
  }

  /** After a (re)connect: share what changed here meanwhile, then take what others know. */
  async function resync(): Promise<void> {
    for (const targetId of [...dirty]) {
      const record = records.get(targetId);
      if (record === undefined) continue;
      await push(targetId, record);
      if (records.get(targetId) === record) dirty.delete(targetId);
    }
    const stored = await link.command((redis) => redis.hgetall(hashKey));
    for (const [targetId, json] of Object.entries(stored)) {
      if (dirty.has(targetId)) continue;
      const current = records.get(targetId);
      if (current !== undefined && JSON.stringify(current) === json) continue;
      adopt(targetId, JSON.parse(json) as TargetHealthRecord);
    }
  }

  const onMessage = (from: string, text: string) => {
    if (from !== channel) return;
    let message: HealthMessage;
    try {
      message = JSON.parse(text) as HealthMessage;
    } catch {
      return;
    }
    // This instance told its own listeners when it wrote.
    if (message.from === instanceId) return;
    dirty.delete(message.targetId);
    adopt(message.targetId, message.record);
  };
  subscriber.on('message', onMessage);

  return {
    get: (targetId: string) => records.get(targetId),
    set(targetId, record) {
      records.set(targetId, record);
      notify(targetId, record);
      write(targetId, record);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resync,
    close() {
      subscriber.off('message', onMessage);
      listeners.clear();
    },
  };
}
