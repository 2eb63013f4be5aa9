import { AllTargetsFailedError, createRouter } from '@modelmux/core';
import { startFakeFleet } from '@modelmux/example-fake-fleet';
import { streamText } from 'ai';

// The demo: steady traffic through one route while the providers misbehave on a schedule.
// No API keys needed: the providers are the testkit's fakes, speaking the real wire formats.
const phaseMs = Number(process.env.MODELMUX_DEMO_PHASE_MS ?? 2500);
const workers = 4;

const fleet = await startFakeFleet({ reply: { chunks: 6, chunkDelayMs: 15, latencyMs: 40 } });
const router = createRouter({
  targets: fleet.targets,
  routes: {
    smart: {
      targets: ['gpt-mini', 'haiku', 'flash'],
      timeouts: { firstChunkMs: 400 },
      retry: { maxAttempts: 3, backoff: { baseMs: 50, maxMs: 200 } },
    },
  },
  breaker: { cooldownMs: 1000, maxCooldownMs: 2000, consecutiveFailures: 3 },
});

const counts = { ok: 0, failed: 0, failovers: 0 };
const byTarget = new Map<string, number>();
router.on('decision', (trace) => {
  if (trace.outcome === 'success') counts.ok += 1;
  else counts.failed += 1;
  if (trace.attempts.length > 1) counts.failovers += 1;
  if (trace.target) byTarget.set(trace.target, (byTarget.get(trace.target) ?? 0) + 1);
});
const log = (text: string) =>
  console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s  ${text}`);
router.on('breaker-open', (event) => log(`breaker OPEN      ${event.targetId}`));
router.on('breaker-half-open', (event) => log(`breaker half-open ${event.targetId} (probing)`));
router.on('breaker-close', (event) => log(`breaker closed    ${event.targetId}`));
router.on('target-cooldown', (event) => log(`cooling down      ${event.targetId} (rate limited)`));

const phases: { name: string; start: () => void }[] = [
  { name: 'steady traffic: every call goes to gpt-mini', start: () => {} },
  {
    name: 'OUTAGE: gpt-mini answers 503',
    start: () => fleet.servers['gpt-mini']?.addFault({ reply: { status: 503 } }),
  },
  {
    name: 'gpt-mini recovers; 429 storm on haiku',
    start: () => {
      fleet.servers['gpt-mini']?.clearFaults();
      fleet.servers.haiku?.addFault({ reply: { status: 429, retryAfterS: 5 } });
    },
  },
  {
    name: 'SLOW: gpt-mini takes 3 s to its first byte',
    start: () => {
      fleet.servers.haiku?.clearFaults();
      fleet.servers['gpt-mini']?.addFault({ reply: { firstByteDelayMs: 3000 } });
    },
  },
];

const started = performance.now();
let running = true;
async function worker(id: number) {
  let n = 0;
  while (running) {
    n += 1;
    try {
      const result = streamText({
        model: router.model('smart'),
        prompt: `request ${id}.${n}: summarise the news`,
      });
      await result.text;
    } catch (error) {
      if (!AllTargetsFailedError.isInstance(error)) log(`call error: ${(error as Error).message}`);
    }
  }
}

console.log(
  'modelmux demo: 3 fake providers (OpenAI, Anthropic, Gemini wire formats), route smart = gpt-mini -> haiku -> flash\n',
);
const pool = Array.from({ length: workers }, (_, index) => worker(index + 1));
for (const phase of phases) {
  log(`--- ${phase.name}`);
  phase.start();
  const before = { ...counts };
  await new Promise((resolve) => setTimeout(resolve, phaseMs));
  const served = [...byTarget].map(([target, calls]) => `${target} ${calls}`).join(', ');
  log(
    `    ${counts.ok - before.ok} ok, ${counts.failed - before.failed} failed, ${counts.failovers - before.failovers} failed over | total by target: ${served}`,
  );
}
running = false;
await Promise.all(pool);

const stats = router.stats();
console.log('\nsummary');
console.log(
  `  calls: ${stats.totals.calls}, succeeded: ${stats.totals.successes}, failed: ${stats.totals.failures}`,
);
for (const [id, target] of Object.entries(stats.targets)) {
  console.log(
    `  ${id.padEnd(9)} attempts ${String(target.attempts).padStart(4)}  errors ${String(target.failures).padStart(3)}  breaker ${target.health.state.padEnd(9)} cost $${target.costUsd.toFixed(6)}`,
  );
}
console.log(`  total cost: $${stats.totals.costUsd.toFixed(6)}`);
await router.close();
await fleet.close();
