import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, memoryStore, type Store } from '@modelmux/core';
import { redisStore } from '@modelmux/redis';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { startInstance } from '../../../packages/redis/test/support/instances.js';
import { startRedisServer } from '../../../packages/redis/test/support/redis-server.js';
import { writeResult } from '../results.js';
import { median, quantile } from '../stats.js';

// `pnpm bench` (after the router rows): what the Redis store costs a call against the memory
// store, measured side by side in one run on one loopback redis-server, and how long a breaker
// trip on one process takes to reach another.

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
  strict: false,
});
const plan = args.quick
  ? { warmup: 50, calls: 300, storeOps: 500, trips: 20 }
  : { warmup: 300, calls: 2000, storeOps: 3000, trips: 50 };
const goals = { addedMsMax: 1, propagationMsMax: 100 };
const progress = (text: string) => process.stderr.write(`bench:redis: ${text}\n`);
const ms = (value: number) => `${value.toFixed(3)} ms`;
const started = performance.now();

const redis = await startRedisServer();
const upstream = await startFakeOpenAI();
const out: string[] = [];
let figures: Record<string, unknown> | undefined;
try {
  const stores: Record<'memory' | 'redis', Store> = {
    memory: memoryStore(),
    redis: redisStore({ url: redis.url, prefix: `bench:${randomUUID()}:` }),
  };
  if (!(await (stores.redis as ReturnType<typeof redisStore>).ready())) {
    throw new Error('the Redis store did not connect');
  }

  // 1. A routed call, memory store vs Redis store, interleaved call by call.
  const routers = Object.fromEntries(
    Object.entries(stores).map(([name, store]) => [
      name,
      createRouter({
        targets: [
          {
            id: 'up',
            model: createOpenAI({ baseURL: upstream.baseURL, apiKey: upstream.apiKey }).chat(
              'gpt-4.1-mini',
            ),
            // Limits and a budget no call reaches: every call checks its windows, reserves and
            // settles through the store, as a production route with quotas and budgets does.
            limits: { rpm: 1e9, tpm: 1e12 },
            price: { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
          },
        ],
        routes: { main: { targets: ['up'] } },
        budgets: [{ scope: 'global', usd: 1e6, per: 'day' }],
        store,
      }),
    ]),
  ) as Record<'memory' | 'redis', ReturnType<typeof createRouter>>;
  const callMs: Record<'memory' | 'redis', number[]> = { memory: [], redis: [] };
  progress(`routed calls: ${plan.warmup} warm-up + ${plan.calls} per store, interleaved`);
  for (let call = 0; call < plan.warmup + plan.calls; call += 1) {
    const order = call % 2 === 0 ? (['memory', 'redis'] as const) : (['redis', 'memory'] as const);
    for (const name of order) {
      const start = performance.now();
      await generateText({ model: routers[name].model('main'), prompt: 'hi', maxRetries: 0 });
      if (call >= plan.warmup) callMs[name].push(performance.now() - start);
    }
  }

  // 2. The store work a limited, budgeted call does: one window check, one reservation, one settle.
  progress(`store operations: ${plan.storeOps} per store`);
  const opMs: Record<'memory' | 'redis', number[]> = { memory: [], redis: [] };
  const periodEndsAt = Date.now() + 3_600_000;
  for (let op = 0; op < plan.storeOps; op += 1) {
    for (const name of ['memory', 'redis'] as const) {
      const store = stores[name];
      const now = Date.now();
      const start = performance.now();
      await store.consumeWindow('rpm:bench', 1, 1e9, 60_000, now);
      await store.reserveBudget('usd:bench', `r${op}`, 0.001, 1e9, periodEndsAt, now);
      await store.settleBudget('usd:bench', `r${op}`, 0.001, periodEndsAt);
      opMs[name].push(performance.now() - start);
    }
  }
  // Closing a router closes its store.
  for (const router of Object.values(routers)) await router.close();

  // 3. Breaker propagation between two processes: A writes a trip, B's listener sees it.
  progress(`propagation: ${plan.trips} trips from process A to process B`);
  const config = {
    redisUrl: redis.url,
    prefix: `bench:${randomUUID()}:`,
    targets: [{ id: 'up', baseURL: upstream.baseURL, apiKey: upstream.apiKey }],
    routes: { main: ['up'] },
  };
  const [a, b] = await Promise.all([startInstance(config), startInstance(config)]);
  const delays: number[] = [];
  try {
    await Promise.all([a.request({ op: 'ready' }), b.request({ op: 'ready' })]);
    for (let trip = 1; trip <= plan.trips; trip += 1) {
      const seen = new Promise<number>((resolve) =>
        b.onHealthChange((change) => {
          if (change.trips === trip) resolve(change.at);
        }),
      );
      const sentAt = await a.request<number>({ op: 'set-health', targetId: 'up', trips: trip });
      delays.push((await seen) - sentAt);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }

  const added = median(callMs.redis) - median(callMs.memory);
  const opAdded = median(opMs.redis) - median(opMs.memory);
  const propagationMedian = median(delays);
  const propagationMax = Math.max(...delays);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const cpu = cpus();
  out.push(
    `modelmux Redis store bench${args.quick ? ' (--quick)' : ''}`,
    `Node ${process.versions.node}, ${cpu.length} cores; redis-server on 127.0.0.1 (no persistence), testkit fake OpenAI in this process.`,
    '',
    `Routed generateText, c=1, ${plan.calls} calls per store, interleaved; the target has RPM/TPM quotas and the route a USD budget,`,
    '  so each call checks its windows, reserves and settles through the store:',
    `  memory store  median ${ms(median(callMs.memory))}  p99 ${ms(quantile(callMs.memory, 0.99))}`,
    `  Redis store   median ${ms(median(callMs.redis))}  p99 ${ms(quantile(callMs.redis, 0.99))}`,
    `  added by Redis: ${ms(added)} median  (goal < ${goals.addedMsMax} ms: ${verdict(added < goals.addedMsMax)})`,
    `The store calls alone (consumeWindow + reserveBudget + settleBudget, in a row), ${plan.storeOps} per store:`,
    `  memory store  median ${ms(median(opMs.memory))}  p99 ${ms(quantile(opMs.memory, 0.99))}`,
    `  Redis store   median ${ms(median(opMs.redis))}  p99 ${ms(quantile(opMs.redis, 0.99))}`,
    `  added by Redis: ${ms(opAdded)} median`,
    `Breaker propagation, process A's setHealth to process B's listener, ${plan.trips} trips (pub/sub):`,
    `  median ${ms(propagationMedian)}, max ${ms(propagationMax)}  (goal < ${goals.propagationMsMax} ms: ${verdict(propagationMax < goals.propagationMsMax)})`,
    `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  figures = {
    quick: args.quick,
    routedCallMs: {
      memory: { median: median(callMs.memory), p99: quantile(callMs.memory, 0.99) },
      redis: { median: median(callMs.redis), p99: quantile(callMs.redis, 0.99) },
      addedMedian: added,
      pass: added < goals.addedMsMax,
    },
    storeOpsMs: {
      memory: { median: median(opMs.memory), p99: quantile(opMs.memory, 0.99) },
      redis: { median: median(opMs.redis), p99: quantile(opMs.redis, 0.99) },
      addedMedian: opAdded,
    },
    propagationMs: {
      median: propagationMedian,
      max: propagationMax,
      pass: propagationMax < goals.propagationMsMax,
    },
  };
} finally {
  await upstream.close();
  await redis.stop();
}
console.log(out.join('\n'));
if (figures) {
  const path = writeResult('redis', `pnpm bench:redis${args.quick ? ' --quick' : ''}`, {
    ...figures,
    text: out.join('\n'),
  });
  progress(`figures written to ${path}`);
}
