import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type {
  ProbeRequest,
  SubjectKind,
  SubjectMessage,
  SubjectSetup,
} from './subject-protocol.js';

// One subject of the load bench in a process of its own (`--expose-gc`), so its heap, handles
// and event loop are its own: `node subject-child.ts <kind> <setup JSON>`. No runtime import of a
// sibling file: it may run under plain Node (types stripped).

const [kind, setupJson] = process.argv.slice(2) as [SubjectKind, string];
const setup = JSON.parse(setupJson) as SubjectSetup;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

function send(message: SubjectMessage): void {
  process.send?.(message);
}

process.on('message', (message: ProbeRequest) => {
  if (message.type === 'reset') {
    delay.reset();
    send({ type: 'ack', id: message.id });
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const resources: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
  send({
    type: 'probe',
    id: message.id,
    heapAfterGcBytes: process.memoryUsage().heapUsed,
    rssBytes: process.memoryUsage.rss(),
    resources,
    sockets: resources.TCPSocketWrap ?? 0,
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: delay.max / 1e6,
  });
});

process.on('disconnect', () => process.exit(0));

async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<void> {
  const { createServer } = await import('node:http');
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    send({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
}

async function startProxy(): Promise<void> {
  const { Agent, request } = await import('node:http');
  const upstream = new URL(setup.primary.baseURL);
  const agent = new Agent({ keepAlive: true });
  await listen((incoming, outgoing) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: `${upstream.pathname}/chat/completions`,
        headers: { ...incoming.headers, authorization: `Bearer ${setup.primary.apiKey}` },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
}

async function router() {
  const { createOpenAI } = await import('@ai-sdk/openai');
  const { createRouter } = await import('@modelmux/core');
  const chat = ({ baseURL, apiKey }: { baseURL: string; apiKey: string }) =>
    createOpenAI({ baseURL, apiKey }).chat('gpt-4.1-mini');
  return createRouter({
    targets: [
      { id: 'primary', model: chat(setup.primary) },
      { id: 'secondary', model: chat(setup.secondary) },
    ],
    routes: { main: { targets: ['primary', 'secondary'] } },
  });
}

async function startGateway(): Promise<void> {
  const { createGatewayServer } = await import('@modelmux/gateway');
  const server = createGatewayServer({ router: await router(), host: '127.0.0.1', port: 0 });
  const { url } = await server.listen();
  send({ type: 'ready', url: `${url}/v1/chat/completions` });
}

/**
 * An app's handler: read the JSON body, generateText (the SDK's default retries), answer JSON
 * (500 on an error).
 */
async function startApp(model: unknown): Promise<void> {
  const { generateText } = await import('ai');
  await listen((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        messages: { content: string }[];
      };
      generateText({
        model: model as Parameters<typeof generateText>[0]['model'],
        prompt: body.messages[0]?.content ?? 'hi',
      }).then(
        (result) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ text: result.text }));
        },
        () => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end('{"error":"failed"}');
        },
      );
    });
  });
}

switch (kind) {
  case 'proxy':
    await startProxy();
    break;
  case 'gateway':
    await startGateway();
    break;
  case 'router':
    await startApp((await router()).model('main'));
    break;
  case 'direct': {
    const { createOpenAI } = await import('@ai-sdk/openai');
    await startApp(createOpenAI(setup.primary).chat('gpt-4.1-mini'));
    break;
  }
}
