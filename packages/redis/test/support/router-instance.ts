// One app instance in its own process: a router on a redisStore, driven by its parent over IPC.
// The multi-process tests and the bench fork three of these against one redis-server.
import { createOpenAI } from '@ai-sdk/openai';
import { type Clock, createRouter, type Store, systemClock } from '@modelmux/core';
import { generateText } from 'ai';
import { redisStore } from '../../src/index.js';
import type { InstanceConfig, InstanceReply, InstanceRequest } from './instance-protocol.js';

type HealthRecord = NonNullable<ReturnType<Store['getHealth']>>;

const config = JSON.parse(process.env.MODELMUX_INSTANCE ?? '{}') as InstanceConfig;
const send = (message: InstanceReply) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

const offsetMs = config.clockOffsetMs ?? 0;
const clock: Clock = { ...systemClock, now: () => systemClock.now() - offsetMs };
const store = redisStore({
  url: config.redisUrl,
  prefix: config.prefix,
  commandTimeoutMs: config.commandTimeoutMs ?? 250,
  logger: { warn: (text) => send({ type: 'log', text }) },
});
const router = createRouter({
  targets: config.targets.map(({ id, baseURL, apiKey, price, limits }) => ({
    id,
    model: createOpenAI({ baseURL, apiKey }).chat('gpt-4.1-mini'),
    ...(price ? { price } : {}),
    ...(limits ? { limits } : {}),
  })),
  routes: Object.fromEntries(
    Object.entries(config.routes).map(([name, targets]) => {
      const ttlMs = config.cacheTtlMs?.[name];
      return [name, { targets, ...(ttlMs ? { cache: { ttlMs } } : {}) }];
    }),
  ),
  breaker: config.breaker,
  ...(config.budgets ? { budgets: config.budgets } : {}),
  clock,
  store,
});
// The bench times how long a write on one instance takes to reach this one.
store.onHealthChange((targetId, record) =>
  send({ type: 'health-change', targetId, trips: record.breaker.trips, at: now() }),
);

/** Runs `count` jobs, at most `concurrency` at once. */
async function pool(count: number, concurrency: number, job: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
}

async function handle(request: InstanceRequest): Promise<unknown> {
  switch (request.op) {
    case 'call': {
      let ok = 0;
      const errors: string[] = [];
      const failedBy: Record<string, number> = {};
      await pool(request.count, request.concurrency, async () => {
        try {
          await generateText({
            model: router.model(request.route),
            prompt: 'hi',
            maxRetries: 0,
            ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
          });
          ok += 1;
        } catch (error) {
          const name = error instanceof Error ? error.name : 'unknown';
          failedBy[name] = (failedBy[name] ?? 0) + 1;
          errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
      });
      return { ok, failed: errors.length, errors: errors.slice(0, 3), failedBy };
    }
    case 'breaker':
      return store.getHealth(request.targetId)?.breaker.state ?? 'closed';
    case 'status':
      return store.status();
    case 'ready':
      return store.ready(10_000);
    case 'set-health': {
      const record: HealthRecord = {
        breaker: {
          state: 'open',
          consecutiveFailures: 5,
          trips: request.trips,
          openUntil: now() + 60_000,
          buckets: [],
        },
        coolUntil: undefined,
        coolReason: undefined,
      };
      const at = now();
      store.setHealth(request.targetId, record);
      return at;
    }
    case 'reserve': {
      let admitted = 0;
      let spentUsd = 0;
      await pool(request.count, request.count, async (index) => {
        const id = `${process.pid}-${index}`;
        const answer = await store.reserveBudget(
          request.key,
          id,
          request.amountUsd,
          request.limitUsd,
          request.periodEndsAt,
          request.now,
        );
        if (!answer.admitted) return;
        admitted += 1;
        spentUsd += request.amountUsd;
        await store.settleBudget(request.key, id, request.amountUsd, request.periodEndsAt);
      });
      return { admitted, spentUsd };
    }
    case 'window': {
      let admitted = 0;
      await pool(request.count, request.count, async () => {
        const answer = await store.consumeWindow(
          request.key,
          1,
          request.limit,
          request.windowMs,
          request.now,
        );
        if (answer.admitted) admitted += 1;
      });
      return admitted;
    }
    case 'close':
      await router.close();
      return true;
  }
}

process.on('message', (request: InstanceRequest) => {
  handle(request).then(
    (result) => {
      const reply: InstanceReply = { type: 'reply', id: request.id, result };
      // Keep-alive sockets to the fake providers would hold the process: leave once answered.
      if (request.op === 'close') process.send?.(reply, () => process.exit(0));
      else send(reply);
    },
    (error: unknown) => send({ type: 'reply', id: request.id, error: String(error) }),
  );
});
send({ type: 'started' });
