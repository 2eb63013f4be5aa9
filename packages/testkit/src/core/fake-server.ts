import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProviderDriver } from './driver.js';
import { Exchange, ExchangeStopped } from './exchange.js';
import { errorPlan, type Reply, validateReply } from './reply.js';
import { loggedHeaders, type RequestLogEntry } from './request-log.js';
import { type FaultRule, ReplySchedule } from './schedule.js';
import { TestkitOptionError } from './testkit-option-error.js';
import { wait, waitForAbort } from './wait.js';

export interface FakeServerOptions {
  /** The API key the server accepts; any other gets a 401 in the provider's format. @default 'test-key' */
  apiKey?: string;
  /** Replies for the next requests, in order, one each. */
  replies?: Reply[];
  /** The reply once the queue is empty and no fault rule matches. @default {} (echo) */
  defaultReply?: Reply;
  /** Background faults: "fail the next 3", "20% at random", "down from t1 to t2". */
  faults?: FaultRule[];
  /** Clock for fault windows (`fromMs`/`untilMs`). @default Date.now */
  clock?: () => number;
  /** @default 0 (a free port) */
  port?: number;
}

export interface FakeServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** What the provider's SDK takes as `baseURL` (origin plus `/v1` or `/v1beta`). */
  baseURL: string;
  apiKey: string;
  /** Every request in arrival order. */
  requests: RequestLogEntry[];
  /** Queue replies for the next requests. */
  enqueue(...replies: Reply[]): void;
  /** Queue the same reply for the next `count` requests. */
  failNext(count: number, reply: Reply): void;
  /** Add a background fault rule. */
  addFault(rule: FaultRule): void;
  /** Drop queued replies and fault rules. */
  clearFaults(): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /**
   * Resolves with request `id`'s log entry once its connection or response has closed
   * (`closedAt` and `outcome` are then final), so a test needs no sleep to see a client abort.
   */
  waitForClose(id: number): Promise<RequestLogEntry>;
  /** Stops listening and destroys open connections (hung requests included). */
  close(): Promise<void>;
}

const knownOptions = new Set(['apiKey', 'replies', 'defaultReply', 'faults', 'clock', 'port']);
const maxBodyBytes = 32 * 1024 * 1024;

export async function startFakeServer(
  driver: ProviderDriver,
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const fn = `start fake ${driver.name}`;
  for (const key of Object.keys(options)) {
    if (!knownOptions.has(key)) {
      throw new TestkitOptionError({
        path: `${fn} options.${key}`,
        message: `unknown option. Known: ${[...knownOptions].join(', ')}`,
      });
    }
  }
  const apiKey = options.apiKey ?? 'test-key';
  const clock = options.clock ?? Date.now;
  const defaultReply = validateReply(options.defaultReply ?? {}, 'defaultReply');
  const schedule = new ReplySchedule(defaultReply, clock);
  schedule.enqueue(options.replies ?? [], 'replies');
  for (const [index, rule] of (options.faults ?? []).entries()) {
    schedule.addRule(rule, `faults[${index}]`);
  }

  const requests: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const closeWaiters = new Map<number, ((entry: RequestLogEntry) => void)[]>();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (error instanceof ExchangeStopped) return;
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `testkit bug: ${String(error)}` } }));
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const controller = new AbortController();
    const entry: RequestLogEntry = {
      id: requests.length + 1,
      method: request.method ?? 'GET',
      path: loggedPath(url),
      model: undefined,
      stream: false,
      body: undefined,
      headers: loggedHeaders(request.headers),
      authorized: false,
      reply: {},
      receivedAt: performance.now(),
      status: undefined,
      chunksSent: 0,
      outcome: 'pending',
      closedAt: undefined,
    };
    requests.push(entry);
    for (const waiter of [...waiters]) {
      if (requests.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    response.on('close', () => {
      entry.closedAt = performance.now();
      if (entry.outcome === 'pending') {
        entry.outcome = response.writableFinished ? 'completed' : 'client-closed';
      }
      controller.abort(new ExchangeStopped('client-closed'));
      for (const resolve of closeWaiters.get(entry.id) ?? []) resolve(entry);
      closeWaiters.delete(entry.id);
    });

    const raw = await readBody(request);
    const sendError = (plan: Parameters<ProviderDriver['errorResponse']>[0]) => {
      const { status, headers, body } = driver.errorResponse(plan);
      entry.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (raw === undefined) {
      sendError({
        status: 413,
        kind: 'bad-request',
        retryAfterS: undefined,
        message: 'Request body too large.',
      });
      return;
    }
    const endpoint = driver.endpoint(entry.method, url.pathname);
    if (!endpoint) {
      sendError({
        status: 404,
        kind: 'not-found',
        retryAfterS: undefined,
        message: `No route ${entry.method} ${url.pathname}.`,
      });
      return;
    }
    if (raw.length > 0) {
      try {
        entry.body = JSON.parse(raw);
      } catch {
        sendError({
          status: 400,
          kind: 'bad-request',
          retryAfterS: undefined,
          message: 'The request body is not valid JSON.',
        });
        return;
      }
    }
    const presented = driver.apiKeyOf(request, url);
    entry.authorized = presented !== undefined && sameSecret(presented, apiKey);
    if (!entry.authorized) {
      sendError({ status: 401, kind: 'unauthorized', retryAfterS: undefined });
      return;
    }
    let summary: ReturnType<typeof endpoint.summarize>;
    try {
      summary = endpoint.summarize(entry.body, url);
    } catch (error) {
      sendError({
        status: 400,
        kind: 'bad-request',
        retryAfterS: undefined,
        message: (error as Error).message,
      });
      return;
    }
    entry.model = summary.model;
    entry.stream = summary.stream;
    const reply = schedule.take();
    entry.reply = reply;

    if (reply.fault === 'reset') {
      entry.outcome = 'reset';
      request.socket.resetAndDestroy();
      return;
    }
    try {
      if (reply.latencyMs) await wait(reply.latencyMs, controller.signal);
      if (reply.fault === 'hang') {
        await waitForAbort(controller.signal);
        return;
      }
    } catch {
      return;
    }
    const exchange = new Exchange(
      request,
      response,
      entry.body,
      url,
      reply,
      entry,
      controller.signal,
    );
    const plan = errorPlan(reply, driver.overloadedStatus);
    if (plan) {
      const { status, headers, body } = driver.errorResponse(plan);
      await exchange.json(status, body, headers);
      return;
    }
    await endpoint.respond(exchange);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    baseURL: `${origin}${driver.basePath}`,
    apiKey,
    requests,
    enqueue: (...replies) => schedule.enqueue(replies, 'enqueue()'),
    failNext(count, reply) {
      if (!Number.isInteger(count) || count < 1) {
        throw new TestkitOptionError({
          path: 'failNext(count)',
          message: 'must be an integer >= 1',
        });
      }
      schedule.enqueue(
        Array.from({ length: count }, () => reply),
        'failNext(reply)',
      );
    },
    addFault: (rule) => schedule.addRule(rule, 'addFault(rule)'),
    clearFaults: () => schedule.clear(),
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    waitForClose(id) {
      const entry = requests[id - 1];
      if (entry?.closedAt !== undefined) return Promise.resolve(entry);
      return new Promise((resolve) => {
        closeWaiters.set(id, [...(closeWaiters.get(id) ?? []), resolve]);
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

/** Path and query, with a `key` query parameter (Gemini's) redacted like the auth headers. */
function loggedPath(url: URL): string {
  if (!url.searchParams.has('key')) return `${url.pathname}${url.search}`;
  const params = new URLSearchParams(url.searchParams);
  params.set('key', '[redacted]');
  return `${url.pathname}?${params.toString()}`;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
