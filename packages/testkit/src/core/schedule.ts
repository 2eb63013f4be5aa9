import { type Reply, validateReply } from './reply.js';
import { TestkitOptionError } from './testkit-option-error.js';

/**
 * A background fault: applies to requests that match its conditions. Conditions combine
 * (all must hold): `next` counts down, `rate` draws from a seeded generator, `fromMs`/`untilMs`
 * read the server's clock.
 */
export interface FaultRule {
  reply: Reply;
  /** Apply to the next N matching requests only ("fail the next 3"). */
  next?: number;
  /** Apply to this fraction of requests, drawn from `seed` ("20% at random"). */
  rate?: number;
  /** Seed of the generator behind `rate`. @default 1 */
  seed?: number;
  /** Apply from this clock time on (inclusive). */
  fromMs?: number;
  /** Apply until this clock time (exclusive). */
  untilMs?: number;
}

interface LiveRule {
  rule: FaultRule;
  remaining: number;
  random: () => number;
}

/** mulberry32: small, fast and good enough to make "20% at random" repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ruleKeys = new Set(['reply', 'next', 'rate', 'seed', 'fromMs', 'untilMs']);

export function validateRule(rule: unknown, path: string): FaultRule {
  if (typeof rule !== 'object' || rule === null) {
    throw new TestkitOptionError({ path, message: 'a fault rule must be an object' });
  }
  const record = rule as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ruleKeys.has(key)) {
      throw new TestkitOptionError({
        path: `${path}.${key}`,
        message: `unknown fault rule option. Known: ${[...ruleKeys].join(', ')}`,
      });
    }
  }
  validateReply(record.reply, `${path}.reply`);
  if (
    record.next !== undefined &&
    !(Number.isInteger(record.next) && (record.next as number) >= 1)
  ) {
    throw new TestkitOptionError({ path: `${path}.next`, message: 'must be an integer >= 1' });
  }
  if (
    record.rate !== undefined &&
    !(typeof record.rate === 'number' && record.rate >= 0 && record.rate <= 1)
  ) {
    throw new TestkitOptionError({ path: `${path}.rate`, message: 'must be a number from 0 to 1' });
  }
  for (const key of ['fromMs', 'untilMs', 'seed'] as const) {
    const value = record[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new TestkitOptionError({ path: `${path}.${key}`, message: 'must be a finite number' });
    }
  }
  return record as unknown as FaultRule;
}

/** Decides, request by request, which reply applies: queued replies, then rules, then the default. */
export class ReplySchedule {
  private readonly queue: Reply[] = [];
  private rules: LiveRule[] = [];
  constructor(
    private readonly defaultReply: Reply,
    private readonly now: () => number,
  ) {}

  enqueue(replies: readonly Reply[], path: string): void {
    replies.forEach((reply, index) => {
      this.queue.push(validateReply(reply, `${path}[${index}]`));
    });
  }

  addRule(rule: FaultRule, path: string): void {
    validateRule(rule, path);
    this.rules.push({
      rule,
      remaining: rule.next ?? Number.POSITIVE_INFINITY,
      random: seededRandom(rule.seed ?? 1),
    });
  }

  clear(): void {
    this.queue.length = 0;
    this.rules = [];
  }

  /** The reply for the next request (consumes a queued reply or a rule's count). */
  take(): Reply {
    const queued = this.queue.shift();
    if (queued) return { ...this.defaultReply, ...queued };
    const now = this.now();
    for (const live of this.rules) {
      const { rule } = live;
      if (live.remaining <= 0) continue;
      if (rule.fromMs !== undefined && now < rule.fromMs) continue;
      if (rule.untilMs !== undefined && now >= rule.untilMs) continue;
      // Draw for every request in the window, so the sequence depends only on the seed.
      if (rule.rate !== undefined && live.random() >= rule.rate) continue;
      live.remaining -= 1;
      return { ...this.defaultReply, ...rule.reply };
    }
    return { ...this.defaultReply };
  }
}
