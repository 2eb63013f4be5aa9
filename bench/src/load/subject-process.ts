import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childRuntime } from '../gateway/gateway-process.js';
import type {
  Probe,
  ProbeRequest,
  SubjectKind,
  SubjectMessage,
  SubjectSetup,
} from './subject-protocol.js';

/** A load subject in a child process of its own. */
export interface SubjectProcess {
  kind: SubjectKind;
  pid: number;
  /** Where the load goes: the chat completions URL (or the app's URL). */
  url: string;
  /** Forces a GC in the child and reports its heap, resources and event-loop delay. */
  probe(): Promise<Probe>;
  /** Restarts the child's event-loop delay histogram. */
  resetDelay(): Promise<void>;
  stop(): void;
}

const running = new Set<ChildProcess>();

/** Kills every subject still running, each by its PID (on a signal or at exit). */
export function stopAllSubjects(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
  running.clear();
}

/** Forks subject-child.ts for `kind` with `--expose-gc`; resolves once it listens. */
export async function startSubject(
  kind: SubjectKind,
  setup: SubjectSetup,
): Promise<SubjectProcess> {
  const file = fileURLToPath(new URL('./subject-child.ts', import.meta.url));
  const child = fork(file, [kind, JSON.stringify(setup)], {
    execArgv: [...childRuntime.execArgv.filter((flag) => flag !== '--expose-gc'), '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  let nextId = 1;
  const pending = new Map<number, (message: SubjectMessage) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind}: no answer in 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited before listening (${code})`)));
    child.on('message', (message: SubjectMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      } else pending.get(message.id)?.(message);
    });
  });
  child.removeAllListeners('exit');
  const ask = (type: ProbeRequest['type']) =>
    new Promise<SubjectMessage>((resolve) => {
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        resolve(message);
      });
      child.send({ type, id } satisfies ProbeRequest);
    });
  return {
    kind,
    pid: child.pid as number,
    url,
    probe: async () => {
      const {
        type: _type,
        id: _id,
        ...probe
      } = (await ask('probe')) as Extract<SubjectMessage, { type: 'probe' }>;
      return probe;
    },
    resetDelay: async () => {
      await ask('reset');
    },
    stop: () => {
      running.delete(child);
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    },
  };
}
