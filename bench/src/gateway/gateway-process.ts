import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildKind, ChildMessage, GatewaySetup, StatsRequest } from './child-protocol.js';

type Stats = Extract<ChildMessage, { type: 'stats' }>;

/** A gateway (or the bare proxy) running in a child process of its own. */
export interface GatewayProcess {
  pid: number;
  baseURL: string;
  /** Its memory now and at its peak, and its CPU time so far. */
  stats(): Promise<Stats>;
  /** Disconnects it; it exits on its own (writing its CPU profile, if it takes one). */
  stop(): void;
}

const running = new Set<ChildProcess>();

function stopChild(child: ChildProcess, force: boolean): void {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (!force && child.connected) {
    child.disconnect();
    // It exits when disconnected; if it hangs, it is killed (unless this process ends first).
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  } else {
    child.kill('SIGTERM');
  }
}

/**
 * Stops every gateway process still running: `force` kills each by its PID at once (on a signal,
 * or at exit); otherwise each is disconnected and exits on its own. Safe to call more than once.
 */
export function stopAllGatewayProcesses({ force }: { force: boolean }): void {
  for (const child of [...running]) stopChild(child, force);
}

/**
 * `BENCH_GATEWAY_CPU_PROF=modelmux` (a comma list of kinds): those children write a CPU profile
 * (`--cpu-prof`) into `BENCH_GATEWAY_CPU_PROF_DIR` (default `./cpu-profiles`) when they stop.
 */
function profilingFlags(kind: ChildKind): string[] {
  const kinds = (process.env.BENCH_GATEWAY_CPU_PROF ?? '').split(',');
  if (!kinds.includes(kind)) return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${process.env.BENCH_GATEWAY_CPU_PROF_DIR ?? 'cpu-profiles'}`,
  ];
}

/**
 * How the children run. From the build (`pnpm bench:gateway`), under plain Node: types stripped,
 * no loader, so a process's memory is its gateway's own (tsx's loader alone adds 40-60 MiB, and
 * more for more code loaded). From source (`tsx --conditions=@modelmux/source`), modelmux needs
 * tsx's loader, so every child gets the parent's flags alike (minus profiling flags) and the
 * memory figures carry the loader's share.
 */
const gatewayEntry = import.meta.resolve('@modelmux/gateway');
export const childRuntime: { loader: boolean; execArgv: string[] } = gatewayEntry.endsWith('.ts')
  ? {
      loader: true,
      execArgv: process.execArgv.filter(
        (flag) => !flag.startsWith('--cpu-prof') && !flag.startsWith('--heap-prof'),
      ),
    }
  : { loader: false, execArgv: ['--disable-warning=ExperimentalWarning'] };

/** Throws, saying what to run, when the children would load a gateway that was never built. */
export function assertGatewayBuilt(): void {
  if (!existsSync(fileURLToPath(gatewayEntry))) {
    throw new Error(
      `${fileURLToPath(gatewayEntry)} is missing: build first with \`pnpm exec tsc -b packages/testkit packages/core packages/gateway\` (pnpm bench:gateway does), or run from source with \`tsx --conditions=@modelmux/source\`.`,
    );
  }
}

/**
 * Forks gateway-child.ts for `kind`. Resolves once it listens; rejects if it exits or stays
 * silent for `timeoutMs`.
 */
export async function startGatewayProcess(
  kind: ChildKind,
  setup: GatewaySetup,
  { quiet = false, timeoutMs = 30_000 }: { quiet?: boolean; timeoutMs?: number } = {},
): Promise<GatewayProcess> {
  const file = fileURLToPath(new URL('./gateway-child.ts', import.meta.url));
  const child = fork(file, [kind, JSON.stringify(setup)], {
    execArgv: [...childRuntime.execArgv, ...profilingFlags(kind)],
    // A quiet child's stdout (Portkey's banner and spinner) would mix into the report.
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  let nextId = 1;
  const pending = new Map<number, (stats: Stats) => void>();
  let timer: NodeJS.Timeout | undefined;
  try {
    const baseURL = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`it exited before listening (${signal ?? `code ${code}`})`)),
      );
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message.baseURL);
        else pending.get(message.id)?.(message);
      });
    });
    clearTimeout(timer);
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    return {
      pid: child.pid as number,
      baseURL,
      stats: () =>
        new Promise((resolve, reject) => {
          if (!child.connected) {
            reject(new Error(`the process ${child.pid} has gone`));
            return;
          }
          const id = nextId++;
          pending.set(id, (stats) => {
            pending.delete(id);
            resolve(stats);
          });
          child.send({ type: 'stats', id } satisfies StatsRequest);
        }),
      stop: () => stopChild(child, false),
    };
  } catch (error) {
    clearTimeout(timer);
    running.delete(child);
    child.kill('SIGKILL');
    throw error;
  }
}
