import { resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { writeResult } from '../results.js';
import { startUpstream, type Upstream } from '../upstream-process.js';
import { type SubjectProcess, startSubject, stopAllSubjects } from './subject-process.js';
import type { Probe, SubjectKind, SubjectSetup } from './subject-protocol.js';

// `pnpm bench:load`: load at a fixed request rate (autocannon, loopback only, bounded), every
// subject in its own process against the same fake upstream (its own process):
//  1. overhead: the bare pass-through (the floor), the direct AI SDK app, the in-process router
//     app and the gateway, each at the same rate with no faults;
//  2. fail-over under load: 20% of the primary's calls answer 503; the router and the gateway
//     each take 20,000 calls: success >= 99.99% and <= 1.25 upstream attempts per call;
//  3. with --soak[=seconds] (default 120; --soak=600 for releases): the gateway and the router at
//     a fixed rate with the same faults; heap after GC grows <= 20 MB, sockets and handles return
//     to their baseline, event-loop delay p99 < 50 ms.
// Every figure is printed with PASS or MISS and written to bench/results/load.json.

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const soakArg = argv.find((arg) => arg === '--soak' || arg.startsWith('--soak='));
const soakSeconds = soakArg === undefined ? 0 : Number(soakArg.split('=')[1] ?? 120);
if (Number.isNaN(soakSeconds) || soakSeconds < 0) throw new Error(`bad ${soakArg}`);

const plan = quick
  ? { overheadCalls: 600, overheadRate: 200, failCalls: 2_000, failRate: 400, soakRate: 100 }
  : { overheadCalls: 3_000, overheadRate: 200, failCalls: 20_000, failRate: 400, soakRate: 200 };
const connections = 20;
const faultRate = 0.2;
const seed = 17;
const goals = {
  successMin: 0.9999,
  attemptsPerCallMax: 1.25,
  heapGrowthMaxBytes: 20e6,
  eventLoopP99MaxMs: 50,
};

const progress = (text: string) => process.stderr.write(`bench:load: ${text}\n`);

interface Run {
  calls: number;
  ok: number;
  success: number;
  achievedRps: number;
  p50Ms: number;
  p99Ms: number;
  attemptsPerCall: number;
}

async function load(
  subject: SubjectProcess,
  upstream: Upstream,
  { calls, rate, seconds }: { calls?: number; rate: number; seconds?: number },
): Promise<Run> {
  await upstream.counts({ clear: true });
  const model = subject.kind === 'gateway' ? 'main' : 'gpt-4.1-mini';
  const result = await autocannon({
    url: subject.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    connections,
    overallRate: rate,
    ...(calls !== undefined ? { amount: calls } : { duration: seconds ?? 10 }),
    timeout: 30,
  });
  const { counts } = await upstream.counts({ clear: true });
  const total = result['2xx'] + result.non2xx + result.errors + result.timeouts;
  const attempts = counts.flaky.requests + counts.secondary.requests;
  return {
    calls: total,
    ok: result['2xx'],
    success: total === 0 ? 0 : result['2xx'] / total,
    achievedRps: total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    attemptsPerCall: total === 0 ? 0 : attempts / total,
  };
}

interface Soak {
  subject: SubjectKind;
  seconds: number;
  rate: number;
  run: Run;
  before: Probe;
  after: Probe;
  /** Event-loop delay over the soak, measured before the idle wait. */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  heapGrowthBytes: number;
  pass: { heap: boolean; sockets: boolean; handles: boolean; eventLoop: boolean; success: boolean };
}

const totalResources = (probe: Probe) =>
  Object.values(probe.resources).reduce((sum, count) => sum + count, 0);

/** Waits for idle keep-alive connections to close (undici's default keep-alive is 4 s). */
const settle = () => wait(6_000);

async function soak(
  subject: SubjectProcess,
  upstream: Upstream,
  seconds: number,
  rate: number,
): Promise<Soak> {
  progress(`soak: ${subject.kind}, 10 s warm-up, then ${seconds} s at ${rate} req/s`);
  await load(subject, upstream, { rate, seconds: 10 });
  await settle();
  const before = await subject.probe();
  await subject.resetDelay();
  const run = await load(subject, upstream, { rate, seconds });
  const during = await subject.probe();
  await settle();
  const after = await subject.probe();
  const heapGrowthBytes = after.heapAfterGcBytes - before.heapAfterGcBytes;
  return {
    subject: subject.kind,
    seconds,
    rate,
    run,
    before,
    after,
    eventLoopP99Ms: during.eventLoopDelayP99Ms,
    eventLoopMaxMs: during.eventLoopDelayMaxMs,
    heapGrowthBytes,
    pass: {
      heap: heapGrowthBytes <= goals.heapGrowthMaxBytes,
      sockets: after.sockets <= before.sockets,
      handles: totalResources(after) <= totalResources(before),
      eventLoop: during.eventLoopDelayP99Ms < goals.eventLoopP99MaxMs,
      success: run.success >= goals.successMin,
    },
  };
}

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const pct = (share: number) => `${(share * 100).toFixed(3)}%`;
const ms = (value: number) => value.toFixed(1);

export async function runLoadBench(): Promise<void> {
  const started = performance.now();
  let upstream: Upstream | undefined;
  const cleanUp = () => {
    stopAllSubjects();
    try {
      upstream?.stop();
    } catch {
      // Already gone.
    }
  };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.kill(process.pid, signal);
    });
  }
  upstream = await startUpstream();
  const setup: SubjectSetup = {
    primary: upstream.servers.flaky,
    secondary: upstream.servers.secondary,
  };
  const kinds: SubjectKind[] = ['proxy', 'direct', 'router', 'gateway'];
  const subjects = new Map<SubjectKind, SubjectProcess>();
  for (const kind of kinds) subjects.set(kind, await startSubject(kind, setup));
  const subject = (kind: SubjectKind) => subjects.get(kind) as SubjectProcess;

  await upstream.setFaults(0, seed);
  progress(
    `overhead: ${plan.overheadCalls} calls per subject at ${plan.overheadRate} req/s, no faults`,
  );
  const overhead: Record<string, Run> = {};
  for (const kind of kinds) {
    await load(subject(kind), upstream, { calls: 200, rate: plan.overheadRate }); // warm-up
    overhead[kind] = await load(subject(kind), upstream, {
      calls: plan.overheadCalls,
      rate: plan.overheadRate,
    });
  }

  await upstream.setFaults(faultRate, seed);
  progress(
    `fail-over: ${plan.failCalls} calls per subject at ${plan.failRate} req/s, 20% of the primary's calls 503`,
  );
  const failover: Record<string, Run & { pass: boolean }> = {};
  for (const kind of ['proxy', 'direct', 'router', 'gateway'] as const) {
    const calls =
      kind === 'router' || kind === 'gateway' ? plan.failCalls : Math.min(plan.failCalls, 2_000);
    const run = await load(subject(kind), upstream, { calls, rate: plan.failRate });
    const judged = kind === 'router' || kind === 'gateway';
    failover[kind] = {
      ...run,
      pass:
        !judged ||
        (run.success >= goals.successMin &&
          run.attemptsPerCall <= goals.attemptsPerCallMax &&
          run.calls >= plan.failCalls),
    };
  }

  const soaks: Soak[] = [];
  if (soakSeconds > 0) {
    for (const kind of ['gateway', 'router'] as const) {
      soaks.push(await soak(subject(kind), upstream, soakSeconds, plan.soakRate));
    }
  }
  cleanUp();
  process.off('exit', cleanUp);

  const floor = overhead.proxy as Run;
  const lines = [
    `modelmux load bench${quick ? ' (--quick: fewer calls than the goals need)' : ''}`,
    'Loopback only; autocannon at a fixed request rate, 20 connections; every subject in its own process;',
    'upstream: testkit fake OpenAI servers in their own process (20 words, 8 chunks, no delay).',
    '',
    `Overhead, no faults (${plan.overheadCalls} calls each at ${plan.overheadRate} req/s; latency as autocannon measures it, ms):`,
    `  ${'subject'.padEnd(9)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'p50 - proxy'.padStart(13)}${'ok'.padStart(10)}`,
    ...kinds.map((kind) => {
      const run = overhead[kind] as Run;
      return `  ${kind.padEnd(9)}${run.achievedRps.toFixed(0).padStart(8)}${ms(run.p50Ms).padStart(8)}${ms(run.p99Ms).padStart(8)}${`+${ms(run.p50Ms - floor.p50Ms)}`.padStart(13)}${pct(run.success).padStart(10)}`;
    }),
    '',
    `Fail-over under load: 20% of the primary's calls answer 503 (seeded), ${plan.failRate} req/s:`,
    ...(['proxy', 'direct', 'router', 'gateway'] as const).map((kind) => {
      const run = failover[kind] as Run & { pass: boolean };
      const judged = kind === 'router' || kind === 'gateway';
      return `  ${kind.padEnd(9)}${String(run.calls).padStart(7)} calls  success ${pct(run.success).padStart(8)}  ${run.attemptsPerCall.toFixed(3)} attempts/call  p99 ${ms(run.p99Ms)} ms${judged ? `  ${verdict(run.pass)} (>= 99.99%, <= 1.25/call, >= ${plan.failCalls} calls)` : '  (peer: no fail-over)'}`;
    }),
  ];
  for (const result of soaks) {
    lines.push(
      '',
      `Soak: ${result.subject}, ${result.seconds} s at ${result.rate} req/s with the same faults (${result.run.calls} calls, success ${pct(result.run.success)}):`,
      `  heap after GC ${(result.before.heapAfterGcBytes / 1e6).toFixed(1)} -> ${(result.after.heapAfterGcBytes / 1e6).toFixed(1)} MB (${result.heapGrowthBytes >= 0 ? '+' : ''}${(result.heapGrowthBytes / 1e6).toFixed(2)} MB)  ${verdict(result.pass.heap)} (<= 20 MB)`,
      `  sockets ${result.before.sockets} -> ${result.after.sockets}  ${verdict(result.pass.sockets)}; handles ${totalResources(result.before)} -> ${totalResources(result.after)} (${JSON.stringify(result.after.resources)})  ${verdict(result.pass.handles)}`,
      `  event-loop delay p99 ${ms(result.eventLoopP99Ms)} ms (max ${ms(result.eventLoopMaxMs)})  ${verdict(result.pass.eventLoop)} (< 50 ms); success ${verdict(result.pass.success)} (>= 99.99%)`,
    );
  }
  const misses = [
    ...Object.entries(failover)
      .filter(([, run]) => !run.pass)
      .map(([kind]) => `fail-over ${kind}`),
    ...soaks.flatMap((result) =>
      Object.entries(result.pass)
        .filter(([, pass]) => !pass)
        .map(([name]) => `soak ${result.subject} ${name}`),
    ),
  ];
  lines.push(
    '',
    `modelmux: ${misses.length === 0 ? 'PASS on every goal' : `MISS: ${misses.join('; ')}`}`,
    `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  console.log(lines.join('\n'));
  const command = `pnpm bench:load${quick ? ' --quick' : ''}${soakSeconds > 0 ? ` --soak=${soakSeconds}` : ''}`;
  const path = writeResult(soakSeconds > 0 ? 'load-soak' : 'load', command, {
    plan,
    goals,
    overhead,
    failover,
    soaks,
    misses,
    quick,
    text: lines.join('\n'),
  });
  progress(`figures written to ${path}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runLoadBench();
}
