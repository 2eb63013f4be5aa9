import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstanceConfig, InstanceReply, InstanceRequest } from './instance-protocol.js';

type OpOf<T> = T extends unknown ? Omit<T, 'id'> : never;
export type InstanceOp = OpOf<InstanceRequest>;

export interface RouterInstance {
  readonly pid: number | undefined;
  /** Sends one request and resolves with the instance's answer. */
  request<T = unknown>(op: InstanceOp): Promise<T>;
  /** Warnings the instance's store logged. */
  readonly logs: string[];
  /** Every health change the instance's store reported, with its arrival time. */
  readonly healthChanges: { targetId: string; trips: number; at: number }[];
  onHealthChange(listener: (change: { targetId: string; trips: number; at: number }) => void): void;
  /** Closes the router and waits for the process to exit (SIGKILL after 5 s). */
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');

/** Forks one router instance (its own Node process, TypeScript source through tsx). */
export async function startInstance(config: InstanceConfig): Promise<RouterInstance> {
  const child: ChildProcess = fork(join(here, 'router-instance.ts'), [], {
    cwd: root,
    execArgv: ['--conditions=@modelmux/source', '--import', 'tsx'],
    env: { ...process.env, MODELMUX_INSTANCE: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const logs: string[] = [];
  const healthChanges: { targetId: string; trips: number; at: number }[] = [];
  const listeners: ((change: { targetId: string; trips: number; at: number }) => void)[] = [];
  let nextId = 1;
  const started = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`router instance exited early (${code})`)));
    child.on('message', (message: InstanceReply) => {
      if (message.type === 'started') resolve();
      else if (message.type === 'log') logs.push(message.text);
      else if (message.type === 'health-change') {
        const change = { targetId: message.targetId, trips: message.trips, at: message.at };
        healthChanges.push(change);
        for (const listener of listeners) listener(change);
      } else if (message.type === 'reply') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('router instance exited'));
    pending.clear();
  });
  await started;
  return {
    pid: child.pid,
    logs,
    healthChanges,
    onHealthChange: (listener) => listeners.push(listener),
    request<T>(op: InstanceOp) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ ...op, id });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      try {
        const id = nextId++;
        child.send({ op: 'close', id });
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
