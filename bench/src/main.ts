import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { burst, runConcurrent } from './concurrent.js';
import { measureDecisionCost } from './decision-cost.js';
import { runFaults } from './fault-run.js';
import {
  type LoadBalancingFigure,
  loadBalancingTable,
  runLoadBalancing,
} from './load-balancing.js';
import {
  concurrentTable,
  costTable,
  faultTable,
  goals,
  type RowFigures,
  rowFigures,
  sequentialTable,
} from './report.js';
import { writeResult } from './results.js';
import { buildRow, type RowName, rowNames } from './rows.js';
import { runSequential } from './sequential.js';
import { startUpstream } from './upstream-process.js';

// `pnpm bench`: every row against the same fake upstream (its own process), side by side in one
// run; ratios are to the direct row measured in this run, never to stored figures.

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    skip: { type: 'string', default: '' },
  },
});
const full = {
  warmup: 300,
  cycles: 1200,
  rounds: 5,
  burstCalls: 1000,
  faultCalls: 500,
};
const quick = { warmup: 50, cycles: 150, rounds: 2, burstCalls: 300, faultCalls: 500 };
const plan = args.quick ? quick : full;
const concurrency = 32;
const faultRate = 0.2;
const seed = 7;
const skip = new Set(args.skip.split(',').filter(Boolean));
const chosen = args.rows
  ? rowNames.filter((name) => name === 'direct' || args.rows?.split(',').includes(name))
  : rowNames;

/** What the routed row adds to a call at c=1, in microseconds, and how much of it the signal is. */
function extraLines(routed: RowFigures, figures: readonly RowFigures[]): string[] {
  const direct = figures.find((row) => row.name === 'direct') as RowFigures;
  const extra = (row: RowFigures) =>
    [
      row.generateMedianMs - direct.generateMedianMs,
      row.ttftMedianMs - direct.ttftMedianMs,
      row.streamMedianMs - direct.streamMedianMs,
    ]
      .map((ms) => `${ms >= 0 ? '+' : ''}${(ms * 1000).toFixed(0)}`)
      .join(' / ');
  const signal = figures.find((row) => row.name === 'direct+signal');
  return [
    `c=1, us added per call (generate / TTFT / stream): routed ${extra(routed)}` +
      (signal ? `; of which an AbortSignal handed to fetch alone costs ${extra(signal)}` : ''),
  ];
}

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const started = performance.now();

function version(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

const upstream = await startUpstream();
try {
  const rows = chosen.map((name: RowName) =>
    buildRow(name, upstream.servers.primary, upstream.servers.secondary),
  );

  progress(`warming up ${rows.length} rows (${plan.warmup} calls each, c=1 and c=${concurrency})`);
  await runSequential(rows, { cycles: plan.warmup, seed });
  for (const row of rows) {
    await burst(row, 'generate', { calls: plan.warmup * 2, concurrency });
    await burst(row, 'stream', { calls: plan.warmup * 2, concurrency });
  }
  await upstream.counts({ clear: true });

  progress(`c=1: ${plan.cycles} generateText + ${plan.cycles} streamText calls per row`);
  const sequential = await runSequential(rows, { cycles: plan.cycles, seed: seed + 1 });

  progress(`c=${concurrency}: ${plan.rounds} rounds x ${plan.burstCalls} calls per row and mode`);
  const concurrent = await runConcurrent(rows, upstream, {
    rounds: plan.rounds,
    calls: plan.burstCalls,
    concurrency,
    seed: seed + 2,
  });
  const upstreamLoads = [...concurrent.values()].flatMap((modes) =>
    [...modes.generate, ...modes.stream].map((entry) => entry.upstreamLoad),
  );

  const faultRows = (['direct', 'routed', 'ai-fallback', 'ai-retry'] as const).filter((name) =>
    chosen.includes(name),
  );
  let faults: Awaited<ReturnType<typeof runFaults>> = [];
  if (!skip.has('faults')) {
    progress(`fault run: primary failing ${faultRate * 100}%, ${plan.faultCalls} calls per row`);
    faults = await runFaults(upstream, faultRows, {
      calls: plan.faultCalls,
      concurrency,
      rate: faultRate,
      seed,
    });
  }

  let cost: Awaited<ReturnType<typeof measureDecisionCost>> = [];
  if (!skip.has('decision')) {
    progress('decision cost with 50 targets (mitata)');
    cost = await measureDecisionCost();
  }
  let balancing: LoadBalancingFigure[] = [];
  if (!skip.has('load-balancing')) {
    const balancingPlan = { calls: args.quick ? 100 : 400, concurrency: 4, fastLatencyMs: 20 };
    progress(
      `load balancing: two deployments, one 3x slower; ${balancingPlan.calls} calls per strategy`,
    );
    balancing = await runLoadBalancing(balancingPlan);
  }
  for (const row of rows) await row.router?.close();

  const figures = rowFigures(rows, sequential, concurrent);
  const loads = upstreamLoads.sort((a, b) => a - b);
  const cpu = cpus();
  const out: string[] = [];
  out.push(
    `modelmux bench${args.quick ? ' (--quick: too few calls for the ratios to mean much)' : ''}`,
    `Node ${process.versions.node}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}); ai ${version('ai')}, ` +
      `@ai-sdk/openai ${version('@ai-sdk/openai')}, ai-fallback ${version('ai-fallback')}, ai-retry ${version('ai-retry')}`,
    'Upstream: testkit fake OpenAI in its own process; fixed reply, 20 words in 8 chunks, no delays.',
    'Every call: maxRetries: 0, full answer checked (a wrong, short or failed answer is a lost call).',
    '',
    ...rows.map((row) => `  ${row.name.padEnd(15)}${row.about}`),
    '',
    `Sequential (c=1): ${plan.cycles} calls per row and mode, rows interleaved call by call in a shuffled order.`,
    'TTFT: streamText call to its first text delta; stream: to the end of the stream. Ratios: medians / direct.',
    sequentialTable(figures),
    '',
    `${concurrency} in flight: ${plan.rounds} rounds x ${plan.burstCalls} calls per row and mode, row order shuffled per round.`,
    'req/s: median over rounds; ratio: median over rounds of row / direct in the same round;',
    `CPU us/call: this process's CPU time per call. Upstream process load during these bursts: median ${(loads[Math.floor(loads.length / 2)] ?? 0).toFixed(2)}, max ${(loads.at(-1) ?? 0).toFixed(2)} of a core.`,
    `Goals: c=1 latency ratios <= ${goals.latencyRatioMax}x, c=${concurrency} throughput ratios >= ${goals.throughputRatioMin}x, zero lost calls.`,
    concurrentTable(figures),
  );
  if (faults.length > 0) {
    out.push(
      '',
      `Fault run: the primary answers 503 to ${faultRate * 100}% of its requests (seeded, the same sequence for every row),`,
      `the secondary is healthy; ${plan.faultCalls} calls at ${concurrency} in flight per row and mode, each row a fresh client.`,
      faultTable(faults),
    );
  }
  if (cost.length > 0) {
    out.push(
      '',
      `Router decision cost (goal <= ${goals.decisionUsMax} us per call)`,
      costTable(cost),
    );
  }
  const routed = figures.find((row) => row.name === 'routed');
  if (routed) {
    const faultLost = faults
      .filter((result) => result.row === 'routed')
      .reduce((sum, result) => sum + result.lost, 0);
    const costMisses = cost.filter((figure) => figure.goal && figure.us > goals.decisionUsMax);
    const misses = [
      ...routed.misses,
      ...(faultLost > 0 ? [`${faultLost} lost in the fault run`] : []),
      ...costMisses.map((figure) => `decision ${figure.us.toFixed(2)} us`),
    ];
    const noise = figures.find((row) => row.name === 'direct-2');
    out.push(
      '',
      `routed: ${misses.length === 0 ? 'PASS on every goal' : `MISS: ${misses.join('; ')}`}` +
        (noise
          ? ` (noise control direct-2: c=1 ${noise.generateRatio.toFixed(3)}x / ${noise.streamRatio.toFixed(3)}x, ` +
            `c=${concurrency} ${noise.throughput.generate.ratio.toFixed(3)}x / ${noise.throughput.stream.ratio.toFixed(3)}x)`
          : ''),
      ...extraLines(routed, figures),
      `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
  }
  // Load balancing is its own section of the report (bench/results/load-balancing.json).
  const balancingText =
    balancing.length > 0
      ? [
          'Load balancing: two fake deployments of one model in this process, 20 ms and 60 ms before their',
          'headers; the slow one listed first; 4 in flight; each routed call follows a direct call to the fast',
          'one (its own p50, measured alongside). Each strategy a fresh router.',
          loadBalancingTable(balancing),
        ].join('\n')
      : '';
  console.log(out.join('\n'));
  if (balancingText) console.log(`\n${balancingText}`);
  const command = `pnpm bench${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const path = writeResult('router', command, {
    quick: args.quick,
    rows: figures,
    faults,
    decisionCost: cost,
    text: out.join('\n'),
  });
  progress(`figures written to ${path}`);
  if (balancing.length > 0) {
    const balancingPath = writeResult('load-balancing', command, {
      quick: args.quick,
      strategies: balancing,
      text: balancingText,
    });
    progress(`load-balancing figures written to ${balancingPath}`);
  }
} finally {
  upstream.stop();
}
