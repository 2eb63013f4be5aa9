import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** The running server's PID, or undefined while it is down. */
  readonly pid: number | undefined;
  /** SIGKILL, as an outage would: no goodbye to the clients. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const binary = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function launch(port: number): ChildProcess {
  return spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
}

/** Waits until the server answers PING (it takes a few ms), or fails after 5 s. */
async function answers(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer PING within 5 s');
}

async function end(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** A real redis-server on 127.0.0.1 and a free port, no persistence; stopped by its PID. */
export async function startRedisServer(): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    let child: ChildProcess | undefined = launch(port);
    try {
      await answers(child, port);
    } catch (error) {
      lastError = error;
      await end(child, 'SIGKILL');
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      get pid() {
        return child?.pid;
      },
      async kill() {
        await end(child, 'SIGKILL');
        child = undefined;
      },
      async restart() {
        await end(child, 'SIGKILL');
        child = launch(port);
        await answers(child, port);
      },
      async stop() {
        await end(child, 'SIGTERM');
        child = undefined;
      },
    };
  }
  throw lastError;
}
