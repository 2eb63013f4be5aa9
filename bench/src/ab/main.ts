import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createRouter } from '@modelmux/core';
import { seededRandom } from '@modelmux/testkit';
import { generateOnce, streamOnce } from '../calls.js';
import type { ServerAddress } from '../protocol.js';
import { median, quantile, shuffled } from '../stats.js';
import { startUpstream } from '../upstream-process.js';
import { buildBase } from './base-build.js';

// `pnpm bench:ab [--base REV] [--mode generate|stream] [--cycles N]`: the routed call through the
// @modelmux/core of another revision against the one in this tree, interleaved call by call with
// the direct call in one process. A change's effect on the router's per-call cost, to a couple of
// microseconds, where `pnpm bench`'s six rows move by more than ten between runs.

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'HEAD' },
    mode: { type: 'string', default: 'generate' },
    cycles: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
  },
});
const mode = args.mode;
if (mode !== 'generate' && mode !== 'stream')
  throw new Error(`--mode must be generate or stream; got '${mode}'`);
const cycles = Number(args.cycles);
const warmup = Number(args.warmup);
if (!Number.isInteger(cycles) || cycles < 100)
  throw new Error(`--cycles must be a whole number of at least 100; got '${args.cycles}'`);
if (!Number.isInteger(warmup) || warmup < 0)
  throw new Error(`--warmup must be a whole number; got '${args.warmup}'`);

const progress = (text: string) => process.stderr.write(`bench:ab: ${text}\n`);
const repository = fileURLToPath(new URL('../../..', import.meta.url));
const base = buildBase(repository, args.base, progress);

interface CoreBuild {
  createRouter: typeof createRouter;
}

const upstream = await startUpstream();
const { primary, secondary } = upstream.servers;
const chat = (server: ServerAddress, modelId: string) =>
  createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(modelId);

/** The bench's routed row (priority, primary -> secondary) on one build of the core. */
function routed(core: CoreBuild): LanguageModelV4 {
  const router = core.createRouter({
    targets: [
      { id: 'primary', model: chat(primary, 'gpt-4.1-mini') },
      { id: 'secondary', model: chat(secondary, 'gpt-4.1-nano') },
    ],
    routes: { bench: { targets: ['primary', 'secondary'] } },
  });
  return router.model('bench');
}

type RowName = 'direct' | 'base' | 'current';
const rows: { name: RowName; model: LanguageModelV4 }[] = [
  { name: 'direct', model: chat(primary, 'gpt-4.1-mini') },
  { name: 'base', model: routed((await import(base.entry)) as CoreBuild) },
  { name: 'current', model: routed({ createRouter }) },
];

/** One call: its wall time (ms; for a stream, to its end), its TTFT and this process's CPU (us). */
async function once(model: LanguageModelV4) {
  const cpu = process.cpuUsage();
  if (mode === 'generate') {
    const sample = await generateOnce({ model });
    const used = process.cpuUsage(cpu);
    return { ok: sample.ok, ms: sample.ms, ttftMs: Number.NaN, cpuUs: used.user + used.system };
  }
  const sample = await streamOnce({ model });
  const used = process.cpuUsage(cpu);
  return {
    ok: sample.ok,
    ms: sample.totalMs,
    ttftMs: sample.ttftMs,
    cpuUs: used.user + used.system,
  };
}

progress(`warming up (${warmup} calls per row), then ${cycles} cycles of ${mode}`);
for (let index = 0; index < warmup; index += 1) for (const row of rows) await once(row.model);
const random = seededRandom(Number(args.seed));
const samples = new Map(rows.map((row) => [row.name, [] as Awaited<ReturnType<typeof once>>[]]));
let lost = 0;
for (let cycle = 0; cycle < cycles; cycle += 1) {
  for (const row of shuffled(rows, random)) {
    const sample = await once(row.model);
    if (!sample.ok) lost += 1;
    samples.get(row.name)?.push(sample);
  }
}
upstream.stop();

type Measure = 'ms' | 'ttftMs' | 'cpuUs';
/** One row's figure per cycle, in microseconds. */
const column = (name: RowName, measure: Measure) =>
  (samples.get(name) ?? []).map((sample) => sample[measure] * (measure === 'cpuUs' ? 1 : 1000));

/** Per cycle, `minuend`'s figure minus `subtrahend`'s (the same cycle: paired). */
function paired(minuend: RowName, subtrahend: RowName, measure: Measure): number[] {
  const from = column(subtrahend, measure);
  return column(minuend, measure).map((value, index) => value - (from[index] as number));
}

/** The median of `values` and a 95% bootstrap interval for it (1,000 resamples, seeded). */
function withInterval(values: readonly number[]): { median: number; low: number; high: number } {
  const draw = seededRandom(11);
  const medians: number[] = [];
  for (let round = 0; round < 1000; round += 1) {
    const resample = values.map(() => values[Math.floor(draw() * values.length)] as number);
    medians.push(median(resample));
  }
  return { median: median(values), low: quantile(medians, 0.025), high: quantile(medians, 0.975) };
}

const us = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
const measures: [Measure, string][] =
  mode === 'generate'
    ? [
        ['ms', 'wall time'],
        ['cpuUs', 'CPU'],
      ]
    : [
        ['ttftMs', 'time to first token'],
        ['ms', 'wall time to the end'],
        ['cpuUs', 'CPU'],
      ];
console.log(
  `modelmux A/B: ${mode}, ${cycles} cycles of direct / base / current in a shuffled order, one process`,
);
console.log(`base: ${base.revision} (${base.commit.slice(0, 12)}); current: this tree`);
for (const [measure, label] of measures) {
  const directMedian = median(column('direct', measure));
  const baseAdded = median(paired('base', 'direct', measure));
  const currentAdded = median(paired('current', 'direct', measure));
  const change = withInterval(paired('current', 'base', measure));
  console.log(
    `${label.padEnd(22)} direct ${directMedian.toFixed(1)} us; base ${us(baseAdded)} us; ` +
      `current ${us(currentAdded)} us; current - base ${us(change.median)} us ` +
      `(95%: ${us(change.low)} to ${us(change.high)})`,
  );
}
console.log(
  `lost calls: ${lost}${lost > 0 ? ' (a routed row lost calls: the comparison is void)' : ''}`,
);
