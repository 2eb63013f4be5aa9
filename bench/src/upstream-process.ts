import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerAddress, ServerName, ToUpstream, UpstreamMessage } from './protocol.js';

type Counts = Extract<UpstreamMessage, { type: 'counts' }>;

export interface Upstream {
  servers: Record<ServerName, ServerAddress>;
  /** Sets the flaky server's fault rule: `rate` of its requests answer 503, drawn from `seed`. */
  setFaults(rate: number, seed: number): Promise<void>;
  /** Requests per server since the last clear, and the upstream process's CPU time so far. */
  counts(options: { clear: boolean }): Promise<Counts>;
  stop(): void;
}

/**
 * Forks upstream.ts. The child inherits this process's Node flags (tsx's loader and the
 * `@modelmux/source` condition) but not profiling flags: a profile of the bench is of the client.
 */
export async function startUpstream(): Promise<Upstream> {
  const execArgv = process.execArgv.filter(
    (flag) => !flag.startsWith('--cpu-prof') && !flag.startsWith('--heap-prof'),
  );
  const child: ChildProcess = fork(fileURLToPath(new URL('./upstream.ts', import.meta.url)), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, (message: UpstreamMessage) => void>();
  const servers = await new Promise<Record<ServerName, ServerAddress>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the fake upstream exited early (code ${code})`)),
    );
    child.on('message', (message: UpstreamMessage) => {
      if (message.type === 'ready') resolve(message.servers);
      else pending.get(message.id)?.(message);
    });
  });
  child.removeAllListeners('exit');

  function request<M extends UpstreamMessage>(message: ToUpstream): Promise<M> {
    return new Promise((resolve) => {
      pending.set(message.id, (reply) => {
        pending.delete(message.id);
        resolve(reply as M);
      });
      child.send(message);
    });
  }

  return {
    servers,
    async setFaults(rate, seed) {
      await request({ type: 'faults', id: nextId++, rate, seed });
    },
    counts: ({ clear }) => request<Counts>({ type: 'counts', id: nextId++, clear }),
    stop() {
      child.disconnect();
    },
  };
}
