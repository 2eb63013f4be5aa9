import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeResult } from '../results.js';
import { median } from '../stats.js';
import { startUpstream, type Upstream } from '../upstream-process.js';
import { checkFailover } from './failover-check.js';
import { type Measured, rowFigures } from './figures.js';
import {
  assertGatewayBuilt,
  childRuntime,
  startGatewayProcess,
  stopAllGatewayProcesses,
} from './gateway-process.js';
import { gatewayTable, goals } from './gateway-report.js';
import { burst, type Mode, modes, runConcurrent, runSequential } from './load.js';
import { startRows } from './rows.js';

// `pnpm bench:gateway`: the gateways side by side in one run, against the same fake upstream
// (its own process): direct, a bare proxy, modelmux's gateway and Portkey's, each gateway in a
// process of its own. Ratios are to the direct row measured in this run.

const full = { warmupCycles: 50, warmupCalls: 600, cycles: 800, rounds: 7, calls: 1200 };
const quick = { warmupCycles: 5, warmupCalls: 100, cycles: 60, rounds: 2, calls: 200 };
const concurrency = 32;
const seed = 11;
const failoverCalls = 20;

const progress = (text: string) => process.stderr.write(`bench:gateway: ${text}\n`);
const mib = (bytes: number) => bytes / 2 ** 20;

/** Runs the gateway benchmark and prints its report. `quick`: a smoke run of the harness. */
export async function runGatewayBench({
  quick: isQuick = false,
}: {
  quick?: boolean;
} = {}): Promise<void> {
  assertGatewayBuilt();
  const plan = isQuick ? quick : full;
  const started = performance.now();
  let upstream: Upstream | undefined;
  const cleanUp = (force: boolean) => {
    stopAllGatewayProcesses({ force });
    try {
      upstream?.stop();
    } catch {
      // Already disconnected.
    }
  };
  const interrupted = (signal: NodeJS.Signals) => {
    cleanUp(true);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const exiting = () => cleanUp(true);
  process.once('exit', exiting);
  try {
    upstream = await startUpstream();
    const setup = { primary: upstream.servers.flaky, secondary: upstream.servers.secondary };
    progress('starting the proxy, modelmux and Portkey, each in its own process');
    const { rows, portkeyAbsent } = await startRows(setup);
    if (portkeyAbsent) progress(`Portkey left out: ${portkeyAbsent}`);

    progress(
      `warming up (${plan.warmupCycles} cycles at c=1, ${plan.warmupCalls} calls per row and mode at c=${concurrency})`,
    );
    await runSequential(rows, { cycles: plan.warmupCycles, seed });
    for (const row of rows) {
      for (const mode of modes)
        await burst(row.call, mode, { calls: plan.warmupCalls, concurrency });
    }

    progress(`c=1: ${plan.cycles} cycles, one plain and one streamed call per row each`);
    const sequential = await runSequential(rows, { cycles: plan.cycles, seed: seed + 1 });
    progress(`c=${concurrency}: ${plan.rounds} rounds x ${plan.calls} calls per row and mode`);
    const concurrent = await runConcurrent(rows, upstream, {
      rounds: plan.rounds,
      calls: plan.calls,
      concurrency,
      seed: seed + 2,
    });

    const measured: Measured[] = [];
    for (const row of rows) {
      const stats = await row.process?.stats();
      measured.push({
        name: row.name,
        sequential: sequential.get(row.name) as Measured['sequential'],
        concurrent: concurrent.latencies.get(row.name) as Measured['concurrent'],
        bursts: concurrent.bursts.get(row.name) as Measured['bursts'],
        rssMiB: stats && { now: mib(stats.rssBytes), peak: mib(stats.peakRssBytes) },
      });
    }

    const idle = await startGatewayProcess('idle', setup);
    const idleMiB = mib((await idle.stats()).rssBytes);
    idle.stop();

    progress(
      `fail-over check: the primary answers 503 to every request, ${failoverCalls} calls per gateway`,
    );
    const gateways = rows.filter((row) => row.name === 'modelmux' || row.name === 'portkey');
    const failover = await checkFailover(upstream, gateways, { calls: failoverCalls, seed });

    const figures = rowFigures(measured);
    const { text, misses } = gatewayTable(figures, portkeyAbsent);
    const modelmuxFailover = failover.find((result) => result.row === 'modelmux');
    if (modelmuxFailover && modelmuxFailover.errors > goals.errorsMax) {
      misses.push(`fail-over check: ${modelmuxFailover.errors} errors`);
    }
    const loads = [...concurrent.bursts.values()].flatMap(
      (byMode: Record<Mode, { upstreamLoad: number }[]>) =>
        modes.flatMap((mode) => byMode[mode].map((entry) => entry.upstreamLoad)),
    );
    const cpu = cpus();
    const out = [
      `modelmux gateway bench${isQuick ? ' (--quick: too few calls for the figures to mean much)' : ''}`,
      `Node ${process.versions.node}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}).`,
      'Upstream: testkit fake OpenAI in its own process; fixed reply, 20 words in 8 chunks, no delays.',
      childRuntime.loader
        ? "Every gateway runs in its own process under tsx's loader (from source): its memory includes the loader's; `pnpm bench:gateway` measures the build under plain Node."
        : "Every gateway runs in its own process under plain Node, from the packages' builds (no loader).",
      `Memory reference: an idle child process started the same way holds ${idleMiB.toFixed(1)} MiB.`,
      '',
      ...rows.map((row) => `  ${row.name.padEnd(10)}${row.about}`),
      ...(portkeyAbsent ? [`  ${'portkey'.padEnd(10)}LEFT OUT: ${portkeyAbsent}`] : []),
      '',
      `c=1: ${plan.cycles} calls per row and mode, interleaved call by call in a shuffled order.`,
      `c=${concurrency}: ${plan.rounds} rounds x ${plan.calls} calls per row and mode, row order shuffled per round;`,
      'req/s: median over rounds (ratio: median over rounds of row / direct in the same round).',
      'Latency cells: direct in ms; the others +added ms over direct (row / direct). TTFT: to the first',
      `content chunk. Upstream process load during the c=${concurrency} bursts: median ${median(loads).toFixed(2)} of a core.`,
      '',
      text,
      '',
      `Fail-over check (primary answering 503 to every request, ${failoverCalls} calls each, half streamed): ` +
        failover
          .map(
            (result) =>
              `${result.row} ${result.calls - result.errors}/${result.calls} answered ` +
              `(primary tried ${result.primaryRequests}x, secondary ${result.secondaryRequests}x)`,
          )
          .join('; '),
      '',
      `modelmux: ${misses.length === 0 ? 'PASS on every goal' : `MISS: ${misses.join('; ')}`}` +
        (portkeyAbsent ? ' (Portkey left out: its goals are not judged)' : ''),
      `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    ];
    console.log(out.join('\n'));
    const path = writeResult('gateway', `pnpm bench:gateway${isQuick ? ' --quick' : ''}`, {
      quick: isQuick,
      rows: figures,
      failover,
      misses,
      portkeyAbsent: portkeyAbsent ?? null,
      text: out.join('\n'),
    });
    progress(`figures written to ${path}`);
  } finally {
    cleanUp(false);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    process.off('exit', exiting);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  await runGatewayBench({ quick: values.quick });
}
