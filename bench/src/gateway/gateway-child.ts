import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildKind, ChildMessage, GatewaySetup, StatsRequest } from './child-protocol.js';

// A gateway in a process of its own: `node gateway-child.ts <kind> <setup JSON>`. Under
// `pnpm bench:gateway` it runs under plain Node (types stripped, no loader), so its memory is
// the gateway's own; hence no runtime import of a sibling file here, and each kind imports what
// it needs only when chosen.

const [kind, setupJson] = process.argv.slice(2) as [ChildKind, string];
const setup = JSON.parse(setupJson) as GatewaySetup;

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Tells the parent this process listens; from then on answers its stats requests. */
function announce(baseURL: string): void {
  process.on('message', (message: StatsRequest) => {
    if (message.type !== 'stats') return;
    send({
      type: 'stats',
      id: message.id,
      rssBytes: process.memoryUsage.rss(),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      cpu: process.cpuUsage(),
    });
  });
  send({ type: 'ready', baseURL });
}

// The parent went away (normal end, crash or Ctrl-C): never outlive it.
process.on('disconnect', () => process.exit(0));

/**
 * The floor: a bare `node:http` pass-through to the primary. One extra hop and nothing else: no
 * body parsing, no header rewriting beyond what `node:http` does, no fail-over.
 */
async function startProxy(): Promise<void> {
  const { Agent, createServer, request } = await import('node:http');
  const upstream = new URL(setup.primary.baseURL);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, outgoing) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) forwarded.destroy();
    });
    incoming.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    announce(`http://127.0.0.1:${port}${upstream.pathname}`);
  });
}

/**
 * modelmux: `createGatewayServer` over a router whose route `bench` calls the primary and falls
 * back to the secondary. No keys (loopback only) and no logger, as Portkey runs here too.
 */
async function startModelmux(): Promise<void> {
  const { createOpenAI } = await import('@ai-sdk/openai');
  const { createRouter } = await import('@modelmux/core');
  const { createGatewayServer } = await import('@modelmux/gateway');
  const chat = ({ baseURL, apiKey }: { baseURL: string; apiKey: string }) =>
    createOpenAI({ baseURL, apiKey }).chat('gpt-4.1-mini');
  const router = createRouter({
    targets: [
      { id: 'primary', model: chat(setup.primary) },
      { id: 'secondary', model: chat(setup.secondary) },
    ],
    routes: { bench: { targets: ['primary', 'secondary'] } },
  });
  const server = createGatewayServer({ router, host: '127.0.0.1', port: 0 });
  const { url } = await server.listen();
  announce(`${url}/v1`);
}

/**
 * Portkey's open-source gateway, started as its bin does (`build/start-server.js --port=0
 * --headless`). It passes no host to `node:http`, so it would listen on every interface:
 * `listen` is wrapped to bind 127.0.0.1 and to announce the port once bound. Its fall-back
 * config travels with each request (portkey-config.ts).
 */
async function startPortkey(): Promise<void> {
  const { Server } = await import('node:net');
  const listen = Server.prototype.listen as (this: unknown, ...args: unknown[]) => unknown;
  Server.prototype.listen = function listenOnLoopback(
    this: InstanceType<typeof Server>,
    ...args: unknown[]
  ) {
    const [port, host, ...rest] = args;
    this.once('listening', () => {
      const { port: bound } = this.address() as AddressInfo;
      announce(`http://127.0.0.1:${bound}/v1`);
    });
    return listen.call(this, port, host ?? '127.0.0.1', ...rest);
  } as typeof Server.prototype.listen;
  const manifest = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json');
  process.argv.push('--port=0', '--headless');
  await import(pathToFileURL(join(dirname(manifest), 'build', 'start-server.js')).href);
}

switch (kind) {
  case 'proxy':
    await startProxy();
    break;
  case 'modelmux':
    await startModelmux();
    break;
  case 'portkey':
    await startPortkey();
    break;
  case 'idle':
    announce('');
    break;
}
